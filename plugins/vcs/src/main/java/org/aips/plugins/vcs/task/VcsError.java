package org.aips.plugins.vcs.task;

/** The service's error codes: the envelope's {@code Code} and the HTTP status (docs/vcs.md, "Error codes"). */
public enum VcsError {
  INVALID_PARAMETER("1001", 400),
  UNAUTHORIZED("1002", 401),
  NO_SUCH_ROUTE("1004", 404),
  BODY_TOO_LARGE("1013", 413),
  TASK_NOT_FOUND("2001", 404),
  IMMUTABLE_FIELD("2002", 400),
  TASK_STATE("2003", 409),
  FACE_GROUP_NOT_FOUND("2004", 404),
  VIDEO_NOT_FOUND("3001", 404),
  NOT_A_VIDEO("3002", 400),
  TRUNCATED_VIDEO("3003", 400),
  VIDEO_LENGTH_MISMATCH("3004", 400),
  VIDEO_TOO_LARGE("3005", 413),
  VIDEO_URI_REFUSED("3006", 400),
  VIDEO_FETCH_FAILED("3007", 502),
  EVENT_NOT_FOUND("4001", 404),
  INTERNAL("5000", 500),
  FACE_GROUPS_UNAVAILABLE("5003", 503);

  private final String code;
  private final int status;

  VcsError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public VcsException exception(String message) {
    return new VcsException(this, message);
  }
}
