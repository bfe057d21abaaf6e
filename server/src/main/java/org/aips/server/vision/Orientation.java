package org.aips.server.vision;

/** Applies an EXIF orientation (1..8) so that pixels are in the order a viewer displays them. */
final class Orientation {

  private Orientation() {
  }

  static RgbImage apply(RgbImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    boolean swap = orientation >= 5;
    int w = image.width();
    int h = image.height();
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    byte[] out = new byte[image.rgb().length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; }
        }
        System.arraycopy(image.rgb(), (sy * w + sx) * 3, out, (y * outW + x) * 3, 3);
      }
    }
    return new RgbImage(outW, outH, out);
  }
}
