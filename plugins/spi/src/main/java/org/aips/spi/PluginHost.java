package org.aips.spi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Path;

/** What the host offers a plugin's HTTP API. */
public interface PluginHost {

  Vertx vertx();

  WebClient webClient();

  /** The plugin's section of the server configuration ({@code plugins.config.<pluginId>}), possibly empty. */
  JsonObject config();

  /** A folder the plugin may keep files in; it survives restarts. */
  Path dataDir();
}
