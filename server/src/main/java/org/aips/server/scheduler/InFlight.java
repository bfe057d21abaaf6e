package org.aips.server.scheduler;

import io.vertx.core.eventbus.EventBus;
import org.aips.server.bus.TaskEvents;
import org.aips.server.lifecycle.TaskChange;
import org.aips.spi.TaskState;

/** A task this scheduler has dispatched and not yet seen finish. */
final class InFlight {

  final long id;
  final String type;
  final int attempt;
  final long dispatchedAt;
  /** The plugin that submitted the task, or null for REST tasks. */
  final String owner;
  /** Null for an adopted outcome's task (dispatched elsewhere). */
  final String queryCode;
  final String userId;
  long lastSeen;

  InFlight(long id, String type, int attempt, long now, String owner, String queryCode, String userId) {
    this.id = id;
    this.type = type;
    this.attempt = attempt;
    this.dispatchedAt = now;
    this.lastSeen = now;
    this.owner = owner;
    this.queryCode = queryCode;
    this.userId = userId;
  }

  /** A state change for the plugin that owns the task (nothing for REST tasks). */
  void tellOwner(EventBus bus, TaskState state, double fraction, String error) {
    TaskEvents.publish(bus, owner, queryCode, type, state, fraction, error);
  }

  /** An event about this run (claimed by {@code node}, or its progress). */
  TaskChange change(String event, String node, Double proccessing) {
    return new TaskChange(id, queryCode, type, userId, event, TaskState.RUNNING, node, attempt, proccessing, null, null, null);
  }
}
