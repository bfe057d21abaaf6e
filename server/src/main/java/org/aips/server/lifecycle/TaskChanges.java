package org.aips.server.lifecycle;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.RecordCodec;

import java.util.List;

/**
 * The changes one statement made (a claim or completion batch, one submission batch, a single
 * cancel), published as one message on {@link Addresses#TASK_EVENTS} after it committed. One
 * message per batch rather than per task: at 20,000 tasks a second, a JSON message per task and
 * per transition, copied for every local consumer, was half of the node's CPU in the drain.
 * {@code at}: when they were published (epoch ms).
 */
public record TaskChanges(long at, List<TaskChange> changes) {

  public TaskChanges {
    changes = List.copyOf(changes);
  }

  /** Within a node the record itself travels (consumers must not change it); between nodes, JSON. */
  public static void registerCodec(EventBus bus) {
    bus.registerDefaultCodec(TaskChanges.class, new RecordCodec<>(TaskChanges.class, TaskChanges::toJson, TaskChanges::fromJson));
  }

  public static void publish(EventBus bus, List<TaskChange> changes) {
    if (!changes.isEmpty()) {
      bus.publish(Addresses.TASK_EVENTS, new TaskChanges(System.currentTimeMillis(), changes));
    }
  }

  /** Alone in its message: for a statement that changed one task. */
  public static void publish(EventBus bus, TaskChange change) {
    publish(bus, List.of(change));
  }

  /** Each change as the console's watch stream and the docs show it. */
  public List<JsonObject> toJsonList() {
    return changes.stream().map(c -> c.toJson(at)).toList();
  }

  public JsonObject toJson() {
    return new JsonObject().put("at", at).put("changes", new JsonArray(toJsonList()));
  }

  public static TaskChanges fromJson(JsonObject json) {
    return new TaskChanges(json.getLong("at"), json.getJsonArray("changes").stream()
        .map(c -> TaskChange.fromJson((JsonObject) c)).toList());
  }
}
