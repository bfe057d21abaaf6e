package org.aips.server.bus;

/** Failure codes an executor uses when it fails a dispatch message. */
public final class FailureCodes {

  /** The task may succeed if run again (counted against scheduler.maxAttempts). */
  public static final int RETRYABLE = 1;
  /** Running again cannot help: the task fails now. */
  public static final int PERMANENT = 2;
  /** The task was cancelled and stopped. */
  public static final int CANCELLED = 3;
  /** Something it needs is not up yet ({@code TaskFailure.unavailable}): queued again later, the attempt not counted. */
  public static final int UNAVAILABLE = 4;
  /** The executor's node is stopping and the run did not finish within the grace period: queued again at once, not counted. */
  public static final int HANDED_BACK = 5;

  /** The code's name, as task events and metrics give it. */
  public static String name(int code) {
    return switch (code) {
      case RETRYABLE -> "RETRYABLE";
      case PERMANENT -> "PERMANENT";
      case CANCELLED -> "CANCELLED";
      case UNAVAILABLE -> "UNAVAILABLE";
      case HANDED_BACK -> "HANDED_BACK";
      default -> "UNKNOWN_" + code;
    };
  }

  private FailureCodes() {
  }
}
