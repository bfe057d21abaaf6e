package org.aips.plugins.faceingest.ingest;

/** Why a row was not stored: a log entry's code and message. */
public final class RowError extends RuntimeException {

  private final ErrorCode code;

  public RowError(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public RowError(ErrorCode code, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** What the log shows: the code's meaning and the detail. */
  public String logMessage() {
    return getMessage() == null || getMessage().isBlank() ? code.meaning() : code.meaning() + ": " + getMessage();
  }
}
