package org.aips.server.scheduler;

import org.aips.server.lifecycle.TaskChange;
import org.aips.spi.TaskState;

import java.util.HashMap;
import java.util.Map;

/** Progress reported since the last flush: written in one statement per period and published as task events. */
final class ProgressFlusher {

  private final SchedulerScope scope;
  private Map<Long, Double> reported = new HashMap<>();

  ProgressFlusher(SchedulerScope scope) {
    this.scope = scope;
  }

  void report(long taskId, double fraction) {
    reported.put(taskId, fraction);
  }

  void flush() {
    if (reported.isEmpty()) {
      return;
    }
    Map<Long, Double> batch = reported;
    reported = new HashMap<>();
    batch.forEach((id, fraction) -> {
      InFlight task = scope.runs.get(id);
      if (task != null) {
        task.change(TaskChange.PROGRESS, null, fraction).publish(scope.vertx.eventBus());
        task.tellOwner(scope.vertx.eventBus(), TaskState.RUNNING, fraction, null);
      }
    });
    scope.store.saveProgress(batch).onFailure(e -> scope.warn("saving progress failed", e));
  }
}
