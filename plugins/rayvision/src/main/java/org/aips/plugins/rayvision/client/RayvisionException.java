package org.aips.plugins.rayvision.client;

/** The farm answered with {@code code != 200}: the envelope's code and message, and the path that was called. */
public final class RayvisionException extends RuntimeException {

  public static final int FAIL = 100;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int SERVER_ERROR = 500;
  public static final int INVALID_PARAMETER = 600;
  public static final int MISSING_PARAMETER = 601;
  public static final int LOGIN_NEEDED = 602;
  public static final int ILLEGAL_PROTOCOL = 603;
  public static final int SIGNATURE_EXPIRED = 610;
  public static final int SIGNATURE_INVALID = 611;
  public static final int NO_MORE_RECORDS = 700;

  private final int code;
  private final String path;

  public RayvisionException(int code, String message, String path) {
    super("Renderbus error " + code + " on " + path + ": " + message);
    this.code = code;
    this.path = path;
  }

  public int code() {
    return code;
  }

  public String path() {
    return path;
  }

  /** The farm's own message, without our prefix. */
  public String farmMessage() {
    String text = getMessage();
    return text.substring(text.indexOf(": ") + 2);
  }

  /** Wrong credentials or a refused account: no retry and no other task of the account can succeed either. */
  public boolean isAccountProblem() {
    return code == FORBIDDEN || code == LOGIN_NEEDED || code == SIGNATURE_INVALID;
  }
}
