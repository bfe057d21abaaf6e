package org.aips.spi;

/** A task failure that says whether running the task again can help. */
public final class TaskFailure extends RuntimeException {

  private final boolean retryable;
  private final boolean unavailable;

  private TaskFailure(String message, boolean retryable, boolean unavailable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.unavailable = unavailable;
  }

  /** The input can never succeed (bad params, an unsupported image): the task fails at once. */
  public static TaskFailure permanent(String message) {
    return new TaskFailure(message, false, false, null);
  }

  public static TaskFailure permanent(String message, Throwable cause) {
    return new TaskFailure(message, false, false, cause);
  }

  /** A transient problem (remote service down): the task is retried while attempts remain. */
  public static TaskFailure retryable(String message, Throwable cause) {
    return new TaskFailure(message, true, false, cause);
  }

  /**
   * Something the task needs is not there yet (a service still starting, a node busy): the task
   * goes back to the queue without using an attempt and runs again after
   * {@code scheduler.unavailableRetrySeconds}, for as long as it takes. The message says what it
   * waits for; clients see it as the task's {@code error} while it waits.
   */
  public static TaskFailure unavailable(String message, Throwable cause) {
    return new TaskFailure(message, true, true, cause);
  }

  public boolean isRetryable() {
    return retryable;
  }

  public boolean isUnavailable() {
    return unavailable;
  }
}
