package org.aips.server.inference;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;

/**
 * One model an inference verticle serves (configuration key {@code inference.models.<name>}):
 * where it is, its input and outputs, how uint8 pixels become floats ({@code x * scale + offset}),
 * and how its requests are batched and bounded.
 */
public record ModelSpec(String name, Format format, Path path, String input, List<String> outputs,
                        float scale, float offset, int maxBatch, long maxQueueDelayMillis, int queueLimit) {

  /** {@code graph}: a TensorFlow.js graph model (model.json); {@code savedmodel}: a TensorFlow SavedModel folder. */
  public enum Format { GRAPH, SAVEDMODEL }

  public static ModelSpec fromConfig(String name, JsonObject json, Path modelsDir, int defaultQueueLimit) {
    return new ModelSpec(name,
        Format.valueOf(json.getString("format", "graph").toUpperCase()),
        modelsDir.resolve(json.getString("path")).toAbsolutePath(),
        json.getString("input"),
        json.getJsonArray("outputs").stream().map(Object::toString).toList(),
        json.getFloat("scale", 1f),
        json.getFloat("offset", 0f),
        json.getInteger("maxBatch", 1),
        json.getLong("maxQueueDelayMs", 0L),
        json.getInteger("queueLimit", defaultQueueLimit));
  }
}
