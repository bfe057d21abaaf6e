package org.aips.server.executor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskResult;

/** What a run that succeeded produced: the result as bytes or as JSON, and the node that ran it. */
public record RunOutput(String node, String contentType, Buffer bytes, JsonObject json) {

  static RunOutput of(String node, TaskResult result) {
    return new RunOutput(node, result.contentType(), result.bytes().orElse(null), result.json().orElse(null));
  }

  public JsonObject toJson() {
    return new JsonObject().put("node", node).put("contentType", contentType).put("bytes", bytes).put("json", json);
  }

  public static RunOutput fromJson(JsonObject json) {
    return new RunOutput(json.getString("node"), json.getString("contentType"), json.getBuffer("bytes"), json.getJsonObject("json"));
  }
}
