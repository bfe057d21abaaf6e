package org.aips.server.style;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/** The {@code style} section of the configuration (docs/configuration.md). */
public record StyleSettings(boolean enabled, String features, int maxSide, int threads, int queueLimit,
                            StyleWeights weights, Path modelPackDir) {

  public static StyleSettings fromConfig(JsonObject style, Path modelPackDir) {
    JsonObject w = style.getJsonObject("weights", new JsonObject());
    StyleWeights defaults = StyleWeights.DEFAULTS;
    StyleWeights weights = new StyleWeights(
        w.getFloat("style", defaults.style()), w.getFloat("content", defaults.content()),
        w.getFloat("smoothness", defaults.smoothness()), w.getLong("seed", defaults.seed()));
    String features = style.getString("features", "centernet");
    if (!features.equals("centernet") && !features.equals("random")) {
      throw new IllegalArgumentException("style.features must be centernet or random, got " + features);
    }
    return new StyleSettings(style.getBoolean("enabled", true), features, style.getInteger("maxSide", 1024),
        style.getInteger("threads", 0), style.getInteger("queueLimit", 16), weights, modelPackDir);
  }

  /** Reads the backbone (blocking: call off the event loop). */
  StyleTransfer newTransfer() {
    FeatureSource source = features.equals("random") ? FeatureSource.random(weights.seed()) : FeatureSource.centerNet(modelPackDir);
    return new StyleTransfer(source, weights, maxSide, threads);
  }
}
