package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.aips.server.bus.FailureCodes;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;

/**
 * Writes runs that ended without a result: queued again after a back-off (retried), or failed for
 * good; some causes do not use up an attempt (no executor, service not up, handed back at a stop).
 */
final class FailureRecorder {

  private final SchedulerScope scope;
  private final TaskTypeDirectory directory;
  private final RetryBackoff backoff;
  private final Runnable wake;
  /** Failures being written (a clean stop waits for them). */
  private int writing;

  FailureRecorder(SchedulerScope scope, TaskTypeDirectory directory, RetryBackoff backoff, Runnable wake) {
    this.scope = scope;
    this.directory = directory;
    this.backoff = backoff;
    this.wake = wake;
  }

  int writing() {
    return writing;
  }

  /** A run the executor ended without a result, with a {@link FailureCodes} code. Completes once written. */
  Future<Void> failed(InFlight task, int failureCode, String error) {
    return switch (failureCode) {
      case FailureCodes.CANCELLED -> Future.succeededFuture(); // the cancel (or stop) already ended the task
      case FailureCodes.PERMANENT -> record(task, false, true, "PERMANENT", error, 0);
      case FailureCodes.UNAVAILABLE -> record(task, true, false, "UNAVAILABLE", "waiting: " + error, backoff.whileUnavailable());
      case FailureCodes.HANDED_BACK -> record(task, true, false, "HANDED_BACK", error, 0);
      default -> record(task, true, true, FailureCodes.name(failureCode), error, backoff.afterFailure(task.attempt));
    };
  }

  /** A run that failed here or on the way: no executor for the type (not counted), or like a retryable failure. */
  Future<Void> failed(InFlight task, Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      directory.forget(task.type);
      return record(task, true, false, "NO_EXECUTOR", "no executor for task type " + task.type, 0);
    }
    return record(task, true, true, "DISPATCH_FAILED", cause.getMessage(), backoff.afterFailure(task.attempt));
  }

  /** A run its scheduler gives back when it stops: queued again at once, the attempt not counted. */
  void handBack(InFlight task) {
    record(task, true, false, "HANDED_BACK", "handed back: its scheduler stopped before the task finished", 0);
  }

  /** {@code code}: why, as task events name it (a {@link FailureCodes} name, or what went wrong on the way). */
  private Future<Void> record(InFlight task, boolean retryable, boolean countAttempt, String code, String error, double delaySeconds) {
    writing++;
    return scope.store.fail(task.id, task.attempt, retryable, scope.config.maxAttempts(), countAttempt, error, delaySeconds)
        .onComplete(written -> writing--)
        .onSuccess(ended -> ended.ifPresent(row -> {
          TaskState state = TaskTransition.state(row.getString("status"));
          TaskChanges.publish(scope.vertx.eventBus(), TaskChange.of(row, state == TaskState.WAITING ? TaskTransition.RETRIED : TaskTransition.FAILED, state)
              .withRun(null, null, code));
          task.tellOwner(scope.vertx.eventBus(), state, 0, error);
          if (state == TaskState.WAITING) {
            wake.run();
          }
        }))
        .onFailure(e -> scope.warn("recording the failure of task " + task.id + " failed; its lease will expire", e))
        .mapEmpty();
  }
}
