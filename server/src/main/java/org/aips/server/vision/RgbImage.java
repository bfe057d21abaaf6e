package org.aips.server.vision;

/** Decoded pixels, 8-bit RGB interleaved, rows top to bottom, in display orientation. */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("expected " + width * height * 3 + " bytes for " + width + "x" + height + ", got " + rgb.length);
    }
  }

  /** Channel {@code c} at (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xff;
  }

  /** The same image mirrored left to right. */
  public RgbImage mirrored() {
    byte[] out = new byte[rgb.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        System.arraycopy(rgb, (y * width + x) * 3, out, (y * width + width - 1 - x) * 3, 3);
      }
    }
    return new RgbImage(width, height, out);
  }
}
