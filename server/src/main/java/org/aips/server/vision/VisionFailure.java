package org.aips.server.vision;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a vision or inference request failed: the event-bus failure code, the HTTP status the API
 * answers with and the stable error code clients see (docs/inference.md).
 */
public enum VisionFailure {
  INVALID_IMAGE(4001, 400),
  TRUNCATED_IMAGE(4002, 400),
  IMAGE_TOO_LARGE(4003, 413),
  BAD_REQUEST(4004, 400),
  BUSY(5031, 503),
  DEADLINE_EXCEEDED(5041, 504),
  NO_INFERENCE(5032, 503),
  INTERNAL(5000, 500);

  private final int busCode;
  private final int httpStatus;

  VisionFailure(int busCode, int httpStatus) {
    this.busCode = busCode;
    this.httpStatus = httpStatus;
  }

  public int busCode() {
    return busCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public static Optional<VisionFailure> ofBusCode(int code) {
    return Arrays.stream(values()).filter(f -> f.busCode == code).findFirst();
  }
}
