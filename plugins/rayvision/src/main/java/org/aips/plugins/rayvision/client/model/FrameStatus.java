package org.aips.plugins.rayvision.client.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Frame status codes as the seed's {@code queryTaskFrames} table defines them. The seed's own
 * example answer shows {@code frameStatus: 4} for rendered frames, a code the table does not
 * have; which one the farm uses cannot be checked here, so unknown codes stay unknown
 * ({@link #of} is empty) rather than being guessed.
 */
public enum FrameStatus {
  WAITING(0), RENDERING(5), STOP(10), USER_STOP(15), ARREARAGE_STOP(20), FINISHED(25), FINISHED_HAS_FAILED(30),
  ABANDON(35), FINISHED_TEST(40), FAILED(45), ANALYSE(50), STATUS_UPDATING(100);

  private final int code;

  FrameStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<FrameStatus> of(Integer code) {
    return code == null ? Optional.empty() : Arrays.stream(values()).filter(s -> s.code == code).findFirst();
  }
}
