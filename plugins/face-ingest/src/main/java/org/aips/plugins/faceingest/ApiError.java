package org.aips.plugins.faceingest;

/** A request the service refuses: the HTTP status, a stable code and a message for the client. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;

  private ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "INVALID_ARGUMENT", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "NOT_FOUND", message);
  }

  /** The task's state does not allow the request (start a finished task, stop one that is not running). */
  public static ApiError state(String message) {
    return new ApiError(409, "TASK_STATE", message);
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(413, "TOO_LARGE", message);
  }

  public static ApiError unsupported(String message) {
    return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", message);
  }

  /** A service this request needs cannot answer now (the faces service, an index being built): try again. */
  public static ApiError unavailable(String message) {
    return new ApiError(503, "UNAVAILABLE", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
