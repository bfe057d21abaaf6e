package org.aips.server.console;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChanges;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands the task events of {@code aips.task.events} to the watches open on this HTTP verticle: a
 * task's own events to its watches, and events that move a type's queue to the watches of waiting
 * tasks of that type. It listens only while a watch is open. Used on the verticle's event loop.
 */
final class TaskEventHub {

  /** Events by which a task enters or leaves the waiting queue. */
  private static final Set<String> QUEUE_MOVES = Set.of("submitted", "claimed", "cancelled", "retried", "resumed", "stopped", "purged");

  private final Vertx vertx;
  private final Map<String, Set<TaskWatch>> byQueryCode = new HashMap<>();
  private final Map<String, Set<TaskWatch>> byType = new HashMap<>();
  private int open;
  private MessageConsumer<TaskChanges> consumer;

  TaskEventHub(Vertx vertx) {
    this.vertx = vertx;
  }

  int open() {
    return open;
  }

  void add(TaskWatch watch) {
    byQueryCode.computeIfAbsent(watch.queryCode(), c -> new LinkedHashSet<>()).add(watch);
    byType.computeIfAbsent(watch.taskType(), t -> new LinkedHashSet<>()).add(watch);
    open++;
    if (consumer == null) {
      consumer = vertx.eventBus().consumer(Addresses.TASK_EVENTS, message -> message.body().toJsonList().forEach(this::dispatch));
    }
  }

  void remove(TaskWatch watch) {
    if (removeFrom(byQueryCode, watch.queryCode(), watch) && removeFrom(byType, watch.taskType(), watch)) {
      open--;
    }
    if (open == 0 && consumer != null) {
      consumer.unregister();
      consumer = null;
    }
  }

  private void dispatch(JsonObject event) {
    String code = event.getString("queryCode");
    // copies: a watch may end (and leave these sets) while it handles the event
    for (TaskWatch watch : List.copyOf(byQueryCode.getOrDefault(code, Set.of()))) {
      watch.onTaskEvent(event);
    }
    if (QUEUE_MOVES.contains(event.getString("event"))) {
      for (TaskWatch watch : List.copyOf(byType.getOrDefault(event.getString("taskType"), Set.of()))) {
        if (!watch.queryCode().equals(code)) {
          watch.onQueueMoved();
        }
      }
    }
  }

  private static boolean removeFrom(Map<String, Set<TaskWatch>> index, String key, TaskWatch watch) {
    Set<TaskWatch> watches = index.get(key);
    if (watches == null || !watches.remove(watch)) {
      return false;
    }
    if (watches.isEmpty()) {
      index.remove(key);
    }
    return true;
  }
}
