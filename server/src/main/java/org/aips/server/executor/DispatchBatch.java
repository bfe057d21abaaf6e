package org.aips.server.executor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What a scheduler sends to {@code aips.executor.<type>}: tasks of that type for one executor node.
 * One message per batch, not per task: per-task request/reply (a reply handler and a timer each)
 * was most of the node's CPU in a drain of small tasks.
 */
public record DispatchBatch(List<Dispatch> tasks) {

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    tasks.forEach(task -> array.add(task.toJson()));
    return new JsonObject().put("tasks", array);
  }

  public static DispatchBatch fromJson(JsonObject json) {
    return new DispatchBatch(json.getJsonArray("tasks").stream().map(task -> Dispatch.fromJson((JsonObject) task)).toList());
  }
}
