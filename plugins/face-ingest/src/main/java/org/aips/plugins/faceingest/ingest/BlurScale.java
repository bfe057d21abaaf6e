package org.aips.plugins.faceingest.ingest;

/**
 * {@code blur_degree} on a scale a user can set: 0 (perfectly sharp) to 100 (no detail at all).
 * The faces service measures sharpness as the Laplacian variance of the face crop (higher is
 * sharper, around 30 is where recognition starts to suffer); the degree maps it onto 0..100 so
 * that this point is 50: {@code degree = 100 * 30 / (30 + sharpness)}. Sharpness 270 gives 10,
 * 90 gives 25, 10 gives 75.
 */
public final class BlurScale {

  /** The sharpness that maps to degree 50. */
  static final double HALF_SHARPNESS = 30.0;

  private BlurScale() {
  }

  public static double degree(double sharpness) {
    return 100.0 * HALF_SHARPNESS / (HALF_SHARPNESS + Math.max(0.0, sharpness));
  }
}
