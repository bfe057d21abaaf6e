package org.aips.server.console;

import io.vertx.core.json.JsonObject;

/**
 * The {@code console} section of the configuration (docs/configuration.md): whether the web console
 * and the API docs are served, how long browsers keep their files, and the limits of task watch streams.
 */
public record ConsoleSettings(boolean enabled, int cacheMaxAgeSeconds, int maxWatchStreams, long watchRefreshMillis,
                              int watchHeartbeatSeconds) {

  public static ConsoleSettings fromConfig(JsonObject console) {
    JsonObject watch = console.getJsonObject("watch", new JsonObject());
    return new ConsoleSettings(console.getBoolean("enabled", true), console.getInteger("cacheMaxAgeSeconds", 60),
        watch.getInteger("maxStreams", 1000), watch.getLong("refreshMillis", 1000L), watch.getInteger("heartbeatSeconds", 15));
  }
}
