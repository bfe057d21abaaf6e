package org.aips.server.vision;

/**
 * A square region of the image, rotated by {@code angle} radians around its centre so that the
 * eyes come out level: the models see upright faces, which makes the mesh and the descriptor
 * markedly better on tilted heads. Maps crop pixels back to image pixels.
 */
record FaceCrop(double centerX, double centerY, double side, double angle) {

  static FaceCrop around(Box box, double scale, double angle) {
    return new FaceCrop(box.centerX(), box.centerY(), Math.max(box.width(), box.height()) * scale, angle);
  }

  /** The eye line's angle, from the subject's right eye to the left eye, in image coordinates. */
  static double eyeAngle(double[] rightEye, double[] leftEye) {
    return Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]);
  }

  /** Image coordinates of crop pixel (u, v) of a crop resampled to {@code size} px. */
  double[] toImage(double u, double v, int size) {
    double dx = u * side / size - side / 2;
    double dy = v * side / size - side / 2;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    return new double[] {centerX + cos * dx - sin * dy, centerY + sin * dx + cos * dy};
  }

  byte[] sample(RgbImage image, int size) {
    return Resampler.rotatedCrop(image, this, size);
  }
}
