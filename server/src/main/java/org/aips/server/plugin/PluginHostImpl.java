package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.spi.PluginHost;

import java.nio.file.Path;

/** The host as one plugin's HTTP API sees it. */
public record PluginHostImpl(Vertx vertx, WebClient webClient, JsonObject config, Path dataDir) implements PluginHost {
}
