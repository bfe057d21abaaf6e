package org.aips.server.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskType;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What an executor node announces about one task type it runs. {@code estimateSeconds} is the
 * type's estimate at quality 80 (the default); {@code estimateSecondsByQuality} has one per quality
 * 0–100, for types whose run time depends on it.
 */
public record TaskTypeOffer(String name, JsonObject paramsSchema, Set<String> requiredInputs,
                            double estimateSeconds, List<Double> estimateSecondsByQuality, int concurrency) {

  private static final int DEFAULT_QUALITY = 80;

  public static TaskTypeOffer of(TaskType type) {
    List<Double> byQuality = IntStream.rangeClosed(0, 100).mapToObj(q -> type.estimateSeconds(new JsonObject(), q)).toList();
    return new TaskTypeOffer(type.name(), type.paramsSchema(), type.requiredInputs(),
        byQuality.get(DEFAULT_QUALITY), byQuality, type.concurrency());
  }

  /** The plugin's estimate for a task of this quality. */
  public double estimateSeconds(int quality) {
    return estimateSecondsByQuality.size() == 101 ? estimateSecondsByQuality.get(Math.max(0, Math.min(100, quality))) : estimateSeconds;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("paramsSchema", paramsSchema)
        .put("requiredInputs", new JsonArray(requiredInputs.stream().sorted().toList()))
        .put("estimateSeconds", estimateSeconds)
        .put("estimateSecondsByQuality", new JsonArray(estimateSecondsByQuality))
        .put("concurrency", concurrency);
  }

  public static TaskTypeOffer fromJson(JsonObject json) {
    return new TaskTypeOffer(
        json.getString("name"),
        json.getJsonObject("paramsSchema", new JsonObject()),
        json.getJsonArray("requiredInputs", new JsonArray()).stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()),
        json.getDouble("estimateSeconds", 1.0),
        json.getJsonArray("estimateSecondsByQuality", new JsonArray()).stream().map(v -> ((Number) v).doubleValue()).toList(),
        json.getInteger("concurrency", 1));
  }
}
