package org.aips.server.vision;

import org.aips.spi.services.ServiceFailure;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a vision or inference request failed: the event-bus failure code, the HTTP status the API
 * answers with and the stable error code clients see (docs/inference.md). The codes are the SPI's
 * {@link ServiceFailure}s, which plugins see.
 */
public enum VisionFailure {
  INVALID_IMAGE(ServiceFailure.INVALID_IMAGE, 400),
  TRUNCATED_IMAGE(ServiceFailure.TRUNCATED_IMAGE, 400),
  IMAGE_TOO_LARGE(ServiceFailure.IMAGE_TOO_LARGE, 413),
  BAD_REQUEST(ServiceFailure.BAD_REQUEST, 400),
  BUSY(ServiceFailure.BUSY, 503),
  DEADLINE_EXCEEDED(ServiceFailure.DEADLINE_EXCEEDED, 504),
  NO_INFERENCE(ServiceFailure.NO_INFERENCE, 503),
  INTERNAL(ServiceFailure.INTERNAL, 500);

  private final int busCode;
  private final int httpStatus;

  VisionFailure(ServiceFailure failure, int httpStatus) {
    this.busCode = failure.code();
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
