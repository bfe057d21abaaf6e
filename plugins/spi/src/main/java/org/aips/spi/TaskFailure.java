package org.aips.spi;

/** A task failure that says whether running the task again can help. */
public final class TaskFailure extends RuntimeException {

  private final boolean retryable;

  private TaskFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** The input can never succeed (bad params, an unsupported image): the task fails at once. */
  public static TaskFailure permanent(String message) {
    return new TaskFailure(message, false, null);
  }

  public static TaskFailure permanent(String message, Throwable cause) {
    return new TaskFailure(message, false, cause);
  }

  /** A transient problem (remote service down): the task is retried while attempts remain. */
  public static TaskFailure retryable(String message, Throwable cause) {
    return new TaskFailure(message, true, cause);
  }

  public boolean isRetryable() {
    return retryable;
  }
}
