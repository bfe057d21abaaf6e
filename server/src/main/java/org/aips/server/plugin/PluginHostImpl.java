package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.spi.Blobs;
import org.aips.spi.HostTasks;
import org.aips.spi.PluginDatabase;
import org.aips.spi.PluginHost;

import java.nio.file.Path;
import java.util.Optional;

/** The host as one plugin sees it on this node. */
public record PluginHostImpl(String pluginId, Vertx vertx, WebClient webClient, JsonObject config, Path dataDir,
                             Optional<PluginDatabase> database, HostTasks tasks, Blobs blobs) implements PluginHost {
}
