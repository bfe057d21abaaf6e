package org.aips.server.vision;

/**
 * Bilinear sampling of an image region into a model input (uint8 RGB, width x height). Follows
 * TensorFlow's resize convention without align-corners or half-pixel centres,
 * {@code src = left + i * regionWidth / width}, which the models were trained with; points outside
 * the image read as black (the last row and column repeat, as in TensorFlow).
 */
final class Resampler {

  private Resampler() {
  }

  /** The whole image stretched to width x height. */
  static byte[] resize(RgbImage image, int width, int height) {
    return crop(image, 0, 0, image.width(), image.height(), width, height);
  }

  static byte[] crop(RgbImage image, double left, double top, double right, double bottom, int width, int height) {
    byte[] out = new byte[width * height * 3];
    double stepX = (right - left) / width;
    double stepY = (bottom - top) / height;
    byte[] src = image.rgb();
    int w = image.width();
    int h = image.height();
    for (int y = 0; y < height; y++) {
      double sy = top + y * stepY;
      int y0 = (int) Math.floor(sy);
      double fy = sy - y0;
      for (int x = 0; x < width; x++) {
        double sx = left + x * stepX;
        int x0 = (int) Math.floor(sx);
        double fx = sx - x0;
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          int x1 = x0 + 1 == w ? x0 : x0 + 1;
          int y1 = y0 + 1 == h ? y0 : y0 + 1;
          double top0 = lerp(pixel(src, w, h, x0, y0, c), pixel(src, w, h, x1, y0, c), fx);
          double bottom0 = lerp(pixel(src, w, h, x0, y1, c), pixel(src, w, h, x1, y1, c), fx);
          out[o + c] = (byte) (int) Math.round(lerp(top0, bottom0, fy));
        }
      }
    }
    return out;
  }

  /** A {@link FaceCrop} resampled to size x size, bilinear; outside the image reads black. */
  static byte[] rotatedCrop(RgbImage image, FaceCrop crop, int size) {
    byte[] out = new byte[size * size * 3];
    byte[] src = image.rgb();
    int w = image.width();
    int h = image.height();
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double[] p = crop.toImage(u, v, size);
        int x0 = (int) Math.floor(p[0]);
        int y0 = (int) Math.floor(p[1]);
        double fx = p[0] - x0;
        double fy = p[1] - y0;
        int o = (v * size + u) * 3;
        for (int c = 0; c < 3; c++) {
          double top = lerp(pixel(src, w, h, x0, y0, c), pixel(src, w, h, x0 + 1, y0, c), fx);
          double bottom = lerp(pixel(src, w, h, x0, y0 + 1, c), pixel(src, w, h, x0 + 1, y0 + 1, c), fx);
          out[o + c] = (byte) (int) Math.round(lerp(top, bottom, fy));
        }
      }
    }
    return out;
  }

  private static int pixel(byte[] src, int w, int h, int x, int y, int c) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0;
    }
    return src[(y * w + x) * 3 + c] & 0xff;
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }
}
