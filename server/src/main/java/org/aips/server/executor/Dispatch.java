package org.aips.server.executor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The message a scheduler sends to {@code aips.executor.<type>} to run one task:
 * {@code {id, type, attempt, quality, params, checkpoint?, inputs: {name: bytes}, inputKeys: {name: blobKey}, inbox, queryCode?}}.
 * Every named input has a blob key; only those under the inline limit also travel as bytes. The
 * queryCode, when the scheduler sends it, names the task in the executor's log lines.
 */
public record Dispatch(long id, String type, int attempt, int quality, JsonObject params,
                       JsonObject checkpoint, Map<String, Buffer> inputs, Map<String, String> inputKeys, String inbox,
                       String queryCode) {

  /** Without a queryCode (log lines then name the task by id). */
  public Dispatch(long id, String type, int attempt, int quality, JsonObject params,
                  JsonObject checkpoint, Map<String, Buffer> inputs, Map<String, String> inputKeys, String inbox) {
    this(id, type, attempt, quality, params, checkpoint, inputs, inputKeys, inbox, null);
  }

  public JsonObject toJson() {
    JsonObject inputsJson = new JsonObject();
    inputs.forEach(inputsJson::put);
    JsonObject keysJson = new JsonObject();
    inputKeys.forEach(keysJson::put);
    return new JsonObject()
        .put("id", id).put("type", type).put("attempt", attempt).put("quality", quality)
        .put("params", params).put("checkpoint", checkpoint).put("inputs", inputsJson).put("inputKeys", keysJson)
        .put("inbox", inbox).put("queryCode", queryCode);
  }

  public static Dispatch fromJson(JsonObject json) {
    Map<String, Buffer> inputs = new HashMap<>();
    JsonObject inputsJson = json.getJsonObject("inputs", new JsonObject());
    for (String name : inputsJson.fieldNames()) {
      inputs.put(name, inputsJson.getBuffer(name));
    }
    Map<String, String> keys = new HashMap<>();
    json.getJsonObject("inputKeys", new JsonObject()).forEach(entry -> keys.put(entry.getKey(), (String) entry.getValue()));
    return new Dispatch(json.getLong("id"), json.getString("type"), json.getInteger("attempt"), json.getInteger("quality"),
        json.getJsonObject("params", new JsonObject()), json.getJsonObject("checkpoint"), inputs, keys, json.getString("inbox"),
        json.getString("queryCode"));
  }
}
