package org.aips.plugins.rayvision.client;

/** The answer was not the farm's JSON envelope (a proxy's error page, an HTTP error status, garbage). */
public final class UnexpectedResponseException extends RuntimeException {

  private final int httpStatus;
  private final String path;

  public UnexpectedResponseException(int httpStatus, String path, String detail) {
    super("unexpected answer from " + path + ": HTTP " + httpStatus + (detail.isEmpty() ? "" : ", " + detail));
    this.httpStatus = httpStatus;
    this.path = path;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String path() {
    return path;
  }
}
