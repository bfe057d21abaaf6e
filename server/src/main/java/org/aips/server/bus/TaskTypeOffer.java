package org.aips.server.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskType;

import java.util.Set;
import java.util.stream.Collectors;

/** What an executor node announces about one task type it runs. */
public record TaskTypeOffer(String name, JsonObject paramsSchema, Set<String> requiredInputs,
                            double estimateSeconds, int concurrency) {

  public static TaskTypeOffer of(TaskType type) {
    return new TaskTypeOffer(type.name(), type.paramsSchema(), type.requiredInputs(),
        type.estimateSeconds(new JsonObject(), 80), type.concurrency());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("paramsSchema", paramsSchema)
        .put("requiredInputs", new JsonArray(requiredInputs.stream().sorted().toList()))
        .put("estimateSeconds", estimateSeconds)
        .put("concurrency", concurrency);
  }

  public static TaskTypeOffer fromJson(JsonObject json) {
    return new TaskTypeOffer(
        json.getString("name"),
        json.getJsonObject("paramsSchema", new JsonObject()),
        json.getJsonArray("requiredInputs", new JsonArray()).stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()),
        json.getDouble("estimateSeconds", 1.0),
        json.getInteger("concurrency", 1));
  }
}
