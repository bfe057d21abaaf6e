package org.aips.server.lifecycle;

import org.aips.spi.TaskState;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.aips.spi.TaskState.CANCELLED;
import static org.aips.spi.TaskState.DONE;
import static org.aips.spi.TaskState.FAILED;
import static org.aips.spi.TaskState.RUNNING;
import static org.aips.spi.TaskState.STOPPED;
import static org.aips.spi.TaskState.WAITING;

/**
 * The task lifecycle, in one place: every way a task's state may change, the states it may leave
 * and the state it enters. The storage statements are written to make exactly these moves (the
 * storage contract tests hold them to it); each one also records the transition in
 * {@code task_event} and publishes it ({@link TaskChange}). docs/architecture.md draws the diagram.
 */
public enum TaskTransition {

  /** Accepted and queued. */
  SUBMITTED(EnumSet.noneOf(TaskState.class), WAITING),
  /** Taken from the queue by a scheduler (the event's node) and dispatched to an executor. */
  CLAIMED(EnumSet.of(WAITING), RUNNING),
  /** The executor's result was written (the event's node is the executor's). */
  COMPLETED(EnumSet.of(RUNNING), DONE),
  /** The run ended without a result and the task is queued again: a retryable failure, its lease expired, its service was not up, its node handed it back. */
  RETRIED(EnumSet.of(RUNNING), WAITING),
  /** The run failed for good, or the last attempt did. */
  FAILED(EnumSet.of(RUNNING), TaskState.FAILED),
  /** Stopped by the plugin that owns it; its checkpoint is kept. */
  STOPPED(EnumSet.of(WAITING, RUNNING), TaskState.STOPPED),
  /** A stopped task queued again at its old place. */
  RESUMED(EnumSet.of(TaskState.STOPPED), WAITING),
  /** Cancelled by its client or owner. */
  CANCELLED(EnumSet.of(WAITING, RUNNING, TaskState.STOPPED), TaskState.CANCELLED),
  /** Its retention ended: inputs and result deleted. The state stays what it was. */
  PURGED(EnumSet.of(DONE, TaskState.FAILED, TaskState.CANCELLED), null);

  private final Set<TaskState> from;
  private final TaskState to;

  TaskTransition(Set<TaskState> from, TaskState to) {
    this.from = from;
    this.to = to;
  }

  /** The name in the API, in {@code task_event.event} and on the bus. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The states a task may be in for this transition. */
  public Set<TaskState> from() {
    return from;
  }

  /** The state a task in {@code current} is in afterwards. */
  public TaskState target(TaskState current) {
    return to == null ? current : to;
  }

  public boolean allowedFrom(TaskState current) {
    return from.contains(current);
  }

  /** Refuses this transition from {@code current}, naming both states. */
  public void check(TaskState current) {
    if (!allowedFrom(current)) {
      throw new IllegalTransitionException(this, current);
    }
  }

  /** The state's name in the database ({@code task.status}) and the API. */
  public static String wireName(TaskState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  public static TaskState state(String wireName) {
    return TaskState.valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
