package org.aips.server.scheduler;

import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.spi.TaskState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    List<TaskChange> changes = new ArrayList<>(batch.size());
    batch.forEach((id, fraction) -> {
      InFlight task = scope.runs.get(id);
      if (task != null) {
        changes.add(task.change(TaskChange.PROGRESS, null, fraction));
        task.tellOwner(scope.vertx.eventBus(), TaskState.RUNNING, fraction, null);
      }
    });
    TaskChanges.publish(scope.vertx.eventBus(), changes);
    scope.store.saveProgress(batch).onFailure(e -> scope.warn("saving progress failed", e));
  }
}
