package org.aips.spi;

/** A lifecycle request the task's current state does not allow (stop a finished task, start a running one). */
public final class TaskStateException extends RuntimeException {

  private final TaskState state;

  public TaskStateException(String message, TaskState state) {
    super(message);
    this.state = state;
  }

  /** The state the task was in, or null when there is no such task. */
  public TaskState state() {
    return state;
  }
}
