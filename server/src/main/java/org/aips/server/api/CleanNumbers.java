package org.aips.server.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounds the estimates a client reads. They are stored as PostgreSQL {@code real} (float), and a
 * float widened to double prints its binary error: 0.05 becomes {@code 0.05000000074505806}.
 */
final class CleanNumbers {

  /** Durations to the millisecond: finer than any estimate means. */
  private static final int SECONDS_DECIMALS = 3;
  /** Progress to a hundredth of a percent. */
  private static final int FRACTION_DECIMALS = 4;

  private CleanNumbers() {
  }

  static double seconds(float value) {
    return round(value, SECONDS_DECIMALS);
  }

  static double fraction(float value) {
    return round(value, FRACTION_DECIMALS);
  }

  /** Through the float's shortest decimal text, so that 0.05f rounds as 0.05 and not as 0.0500000007. */
  private static double round(float value, int decimals) {
    if (!Float.isFinite(value)) {
      return value;
    }
    return new BigDecimal(Float.toString(value)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }
}
