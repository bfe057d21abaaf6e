package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.TaskEvents;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts back in the queue (or fails, after scheduler.maxAttempts) tasks whose lease expired: their
 * scheduler or node died. At start without a cluster, every running task is this node's orphan.
 */
final class OrphanRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanRecovery.class);

  private final SchedulerScope scope;
  private final RetryBackoff backoff;

  OrphanRecovery(SchedulerScope scope, RetryBackoff backoff) {
    this.scope = scope;
    this.backoff = backoff;
  }

  Future<Void> recover(boolean takeOverAll) {
    return scope.store.recoverOrphans(scope.config.maxAttempts(), scope.nodeId, takeOverAll, backoff).map(rows -> {
      List<TaskChange> changes = new ArrayList<>(rows.rowCount());
      for (Row row : rows) {
        // the run may live on, on an executor whose scheduler died: stop it before the retry starts (the back-off leaves time)
        scope.vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", row.getLong("id")).put("attempt", row.getInteger("attempt")));
        TaskState state = TaskTransition.state(row.getString("status"));
        changes.add(TaskChange.of(row, state == TaskState.WAITING ? TaskTransition.RETRIED : TaskTransition.FAILED, state)
            .withRun(null, null, "LEASE_EXPIRED"));
        TaskEvents.publish(scope.vertx.eventBus(), row.getString("owner"), row.getString("query_code"), row.getString("task_type"),
            state, 0, "lease expired");
      }
      TaskChanges.publish(scope.vertx.eventBus(), changes);
      if (rows.rowCount() > 0) {
        LOG.warn("put {} tasks whose lease expired back in the queue (or failed them after {} attempts)", rows.rowCount(),
            scope.config.maxAttempts());
        scope.vertx.eventBus().publish(Addresses.QUEUE_WAKE, null);
      }
      return (Void) null;
    }).otherwise(e -> {
      scope.warn("orphan recovery failed", e);
      return null;
    });
  }
}
