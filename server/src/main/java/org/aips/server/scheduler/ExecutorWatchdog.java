package org.aips.server.scheduler;

import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** A run whose executor has been silent longer than executor.timeoutSeconds (node gone) goes back to the queue. */
final class ExecutorWatchdog {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWatchdog.class);

  private final SchedulerScope scope;
  private final FailureRecorder failures;

  ExecutorWatchdog(SchedulerScope scope, FailureRecorder failures) {
    this.scope = scope;
    this.failures = failures;
  }

  void check() {
    long oldest = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(scope.config.executorTimeoutSeconds());
    for (InFlight task : scope.runs.all()) {
      if (task.lastSeen >= oldest) {
        continue;
      }
      scope.runs.release(task);
      // tell the executor, wherever it is, to stop: the retry must not run beside a late original
      scope.vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", task.id).put("attempt", task.attempt));
      LOG.warn("executor of task {} ({}) silent for {} s; putting it back in the queue", task.id, task.type,
          scope.config.executorTimeoutSeconds());
      failures.failed(task, new IllegalStateException("executor stopped responding"));
    }
  }
}
