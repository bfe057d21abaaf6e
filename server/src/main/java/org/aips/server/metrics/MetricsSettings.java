package org.aips.server.metrics;

import io.vertx.core.json.JsonObject;

/**
 * The {@code metrics} section: Prometheus metrics on or off, where they are served, whether the
 * scrape needs an x-token, and how often the database-wide gauges are read.
 *
 * @param port          a port of its own for the scrape (any role); null: on the REST API's port (http role)
 * @param requireToken  the scrape needs a valid x-token; off by default, as Prometheus scrapers carry no app tokens
 * @param gaugeSeconds  how often the task and queue gauges are read from the database
 */
public record MetricsSettings(boolean enabled, String path, Integer port, boolean requireToken, double gaugeSeconds) {

  public static MetricsSettings fromConfig(JsonObject section) {
    return new MetricsSettings(section.getBoolean("enabled"), section.getString("path"), section.getInteger("port"),
        section.getBoolean("requireToken"), section.getDouble("gaugeSeconds"));
  }

  public static MetricsSettings off() {
    return new MetricsSettings(false, "/metrics", null, false, 5);
  }
}
