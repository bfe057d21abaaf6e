package org.aips.spi;

/** Where a task is in its life. */
public enum TaskState {
  /** In the queue. */
  WAITING,
  /** Claimed by a scheduler and running on an executor. */
  RUNNING,
  /** Stopped on request; its checkpoint is kept and {@link HostTasks#start} resumes it. */
  STOPPED,
  DONE,
  FAILED,
  CANCELLED;

  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
