package org.aips.plugins.example;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Aspect-preserving downscaling with Java2D. */
final class Thumbnails {

  private Thumbnails() {
  }

  /**
   * Scales {@code source} so its longest side is at most {@code maxSize}, never enlarging it.
   * The result has no alpha channel (JPEG cannot store one): transparent areas become white.
   */
  static BufferedImage fit(BufferedImage source, int maxSize, boolean grayscale) {
    int width = source.getWidth();
    int height = source.getHeight();
    double scale = Math.min(1.0, (double) maxSize / Math.max(width, height));
    int targetWidth = Math.max(1, (int) Math.round(width * scale));
    int targetHeight = Math.max(1, (int) Math.round(height * scale));

    // One bilinear pass over a large ratio samples only a few source pixels and aliases; halving
    // first makes each bilinear sample the average of a 2x2 block, an area average.
    BufferedImage current = source;
    while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
    }
    int type = grayscale ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
    return draw(current, targetWidth, targetHeight, type);
  }

  private static BufferedImage draw(BufferedImage image, int width, int height, int type) {
    BufferedImage target = new BufferedImage(width, height, type);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, Color.WHITE, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
