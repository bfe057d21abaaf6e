package org.aips.spi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the host offers a plugin: given to each task type's {@code init}, each {@link HttpApi}'s
 * router and each {@link PluginService}'s {@code start}. The host owns everything it hands out.
 */
public interface PluginHost {

  /** The plugin's id (its manifest's {@code Plugin-Id}). */
  String pluginId();

  Vertx vertx();

  WebClient webClient();

  /** The plugin's section of the server configuration ({@code plugins.config.<pluginId>}), possibly empty. */
  JsonObject config();

  /** A folder the plugin may keep files in; it survives restarts. */
  Path dataDir();

  /**
   * The plugin's own schema, when its jar ships migrations under {@link PluginDatabase#MIGRATIONS}
   * and this node reaches the database; empty otherwise.
   */
  Optional<PluginDatabase> database();

  /** AIPS tasks submitted, watched, stopped and resumed on the plugin's behalf (nodes with a database only). */
  HostTasks tasks();

  /** The blob store: large inputs stored by streaming and handed to tasks by reference. */
  Blobs blobs();
}
