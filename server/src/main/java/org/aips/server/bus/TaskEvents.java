package org.aips.server.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskEvent;
import org.aips.spi.TaskState;

/**
 * Notifications of plugin-owned tasks ({@code owner} set), published to the owner's address by
 * whoever changes the task: {@code {id, type, state, progress, error}}. Tasks of REST clients
 * have no owner and cost nothing here.
 */
public final class TaskEvents {

  private TaskEvents() {
  }

  public static void publish(EventBus bus, String owner, String id, String type, TaskState state, double progress, String error) {
    if (owner == null) {
      return;
    }
    bus.publish(Addresses.pluginTaskEvents(owner), new JsonObject().put("id", id).put("type", type)
        .put("state", state.name()).put("progress", progress).put("error", error));
  }

  public static TaskEvent fromJson(JsonObject json) {
    return new TaskEvent(json.getString("id"), json.getString("type"), TaskState.valueOf(json.getString("state")),
        json.getDouble("progress", 0.0), json.getString("error"));
  }
}
