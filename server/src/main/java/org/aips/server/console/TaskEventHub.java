package org.aips.server.console;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;

import java.util.HashMap;
import java.util.HashSet;
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
      consumer = vertx.eventBus().consumer(Addresses.TASK_EVENTS, message -> dispatch(message.body()));
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

  /**
   * A batch may hold thousands of other tasks' changes: only those of watched tasks become JSON, and
   * each watch of a type hears once per batch that its queue moved (its refresh is debounced anyway).
   */
  private void dispatch(TaskChanges batch) {
    Map<String, Set<String>> movedByType = new HashMap<>();
    for (TaskChange change : batch.changes()) {
      Set<TaskWatch> own = byQueryCode.get(change.queryCode());
      if (own != null) {
        JsonObject event = change.toJson(batch.at());
        // a copy: a watch may end (and leave the set) while it handles the event
        List.copyOf(own).forEach(watch -> watch.onTaskEvent(event));
      }
      if (QUEUE_MOVES.contains(change.event()) && byType.containsKey(change.taskType())) {
        movedByType.computeIfAbsent(change.taskType(), t -> new HashSet<>()).add(change.queryCode());
      }
    }
    movedByType.forEach((type, codes) -> {
      for (TaskWatch watch : List.copyOf(byType.getOrDefault(type, Set.of()))) {
        if (codes.size() > 1 || !codes.contains(watch.queryCode())) { // not only its own move
          watch.onQueueMoved();
        }
      }
    });
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
