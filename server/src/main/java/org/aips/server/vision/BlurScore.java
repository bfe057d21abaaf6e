package org.aips.server.vision;

/**
 * Sharpness of a face: the variance of the 4-neighbour Laplacian of the grey levels (0..255) over
 * the central 60% of the 192x192 face crop (so hair and background count little). Because every
 * face is first resampled to the same 192-px crop, small or out-of-focus faces both score low.
 * Higher is sharper; roughly, below 30 is visibly blurred and in-focus faces score in the hundreds.
 */
final class BlurScore {

  private BlurScore() {
  }

  static double of(byte[] rgb, int size) {
    int from = (int) (size * 0.2);
    int to = (int) (size * 0.8);
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (int y = from; y < to; y++) {
      for (int x = from; x < to; x++) {
        double laplacian = grey(rgb, size, x - 1, y) + grey(rgb, size, x + 1, y) + grey(rgb, size, x, y - 1)
            + grey(rgb, size, x, y + 1) - 4 * grey(rgb, size, x, y);
        sum += laplacian;
        sumSquares += laplacian * laplacian;
        n++;
      }
    }
    double mean = sum / n;
    return sumSquares / n - mean * mean;
  }

  private static double grey(byte[] rgb, int size, int x, int y) {
    int i = (y * size + x) * 3;
    return 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
  }
}
