package org.aips.server.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskType;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What an executor node announces about one task type it runs. {@code estimateSecondsByQuality}
 * holds the plugin's run-time estimate for each quality 0–100.
 */
public record TaskTypeOffer(String name, JsonObject paramsSchema, Set<String> requiredInputs,
                            List<Double> estimateSecondsByQuality, int concurrency) {

  /** The quality a run-time figure stands for when the task's own is unknown (the default {@code limits.qualityDefault}). */
  public static final int TYPICAL_QUALITY = 80;

  public static TaskTypeOffer of(TaskType type) {
    List<Double> byQuality = IntStream.rangeClosed(0, 100).mapToObj(q -> type.estimateSeconds(new JsonObject(), q)).toList();
    return new TaskTypeOffer(type.name(), type.paramsSchema(), type.requiredInputs(), byQuality, type.concurrency());
  }

  /** The plugin's estimate for a task of this quality (1 s, the SPI's default, when none was announced). */
  public double estimateSeconds(int quality) {
    return estimateSecondsByQuality.isEmpty() ? 1.0 : estimateSecondsByQuality.get(Math.max(0, Math.min(100, quality)));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("paramsSchema", paramsSchema)
        .put("requiredInputs", new JsonArray(requiredInputs.stream().sorted().toList()))
        .put("estimateSecondsByQuality", new JsonArray(estimateSecondsByQuality))
        .put("concurrency", concurrency);
  }

  public static TaskTypeOffer fromJson(JsonObject json) {
    return new TaskTypeOffer(
        json.getString("name"),
        json.getJsonObject("paramsSchema", new JsonObject()),
        json.getJsonArray("requiredInputs", new JsonArray()).stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()),
        json.getJsonArray("estimateSecondsByQuality", new JsonArray()).stream().map(v -> ((Number) v).doubleValue()).toList(),
        json.getInteger("concurrency", 1));
  }
}
