package org.aips.server.webhook;

import io.vertx.core.json.JsonObject;

/** The {@code webhooks} section (docs/configuration.md), read once. */
public record WebhookSettings(String secret, boolean allowPrivateNetworks, String trustedCertificates, int maxUrlLength, long timeoutMillis,
                              double backoffSeconds, double backoffMaxSeconds, int maxAttempts, long giveUpAfterSeconds,
                              long sweepMillis, int concurrency, long keepSeconds) {

  public static WebhookSettings fromConfig(JsonObject section) {
    return new WebhookSettings(section.getString("secret"), section.getBoolean("allowPrivateNetworks"), section.getString("trustedCertificates"),
        section.getInteger("maxUrlLength"), Math.round(section.getDouble("timeoutSeconds") * 1000),
        section.getDouble("backoffSeconds"), section.getDouble("backoffMaxSeconds"), section.getInteger("maxAttempts"),
        section.getLong("giveUpAfterSeconds"), Math.max(50, Math.round(section.getDouble("sweepSeconds") * 1000)),
        section.getInteger("concurrency"), section.getLong("keepSeconds"));
  }

  /** Seconds before attempt {@code attempts + 1}: the back-off doubles per attempt, capped, with ±50 % jitter. */
  double backoffAfter(int attempts, double random) {
    double base = Math.min(backoffMaxSeconds, backoffSeconds * Math.pow(2, Math.max(0, attempts - 1)));
    return base * (0.5 + random);
  }
}
