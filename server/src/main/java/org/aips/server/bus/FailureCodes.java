package org.aips.server.bus;

/** Failure codes an executor uses when it fails a dispatch message. */
public final class FailureCodes {

  /** The task may succeed if run again (counted against scheduler.maxAttempts). */
  public static final int RETRYABLE = 1;
  /** Running again cannot help: the task fails now. */
  public static final int PERMANENT = 2;
  /** The task was cancelled and stopped. */
  public static final int CANCELLED = 3;

  private FailureCodes() {
  }
}
