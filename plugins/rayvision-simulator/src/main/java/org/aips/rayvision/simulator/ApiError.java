package org.aips.rayvision.simulator;

/** A refusal answered in the envelope ({@code code != 200}), as the documented error codes say. */
final class ApiError extends RuntimeException {

  static final int FAIL = 100;
  static final int NOT_FOUND = 404;
  static final int INVALID_PARAMETER = 600;
  static final int MISSING_PARAMETER = 601;
  static final int LOGIN_NEEDED = 602;
  static final int ILLEGAL_PROTOCOL = 603;
  static final int SIGNATURE_EXPIRED = 610;
  static final int SIGNATURE_INVALID = 611;
  static final int NO_MORE_RECORDS = 700;

  private final int code;

  ApiError(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
