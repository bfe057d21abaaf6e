package org.aips.server.executor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The message a scheduler sends to {@code aips.executor.<type>} to run one task:
 * {@code {id, type, attempt, quality, params, checkpoint?, inputs: {name: bytes}, inbox}}.
 */
public record Dispatch(long id, String type, int attempt, int quality, JsonObject params,
                       JsonObject checkpoint, Map<String, Buffer> inputs, String inbox) {

  public JsonObject toJson() {
    JsonObject inputsJson = new JsonObject();
    inputs.forEach(inputsJson::put);
    return new JsonObject()
        .put("id", id).put("type", type).put("attempt", attempt).put("quality", quality)
        .put("params", params).put("checkpoint", checkpoint).put("inputs", inputsJson).put("inbox", inbox);
  }

  public static Dispatch fromJson(JsonObject json) {
    Map<String, Buffer> inputs = new HashMap<>();
    JsonObject inputsJson = json.getJsonObject("inputs", new JsonObject());
    for (String name : inputsJson.fieldNames()) {
      inputs.put(name, inputsJson.getBuffer(name));
    }
    return new Dispatch(json.getLong("id"), json.getString("type"), json.getInteger("attempt"), json.getInteger("quality"),
        json.getJsonObject("params", new JsonObject()), json.getJsonObject("checkpoint"), inputs, json.getString("inbox"));
  }
}
