package org.aips.server.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A style image made by the tests: thick curved brush strokes in yellows and light blues on deep
 * blue, a texture nothing like a photo. The fuller style set is in ../shared/testdata/style.
 */
public final class Paintings {

  private Paintings() {
  }

  public static byte[] swirls(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(18, 32, 90));
    g.fillRect(0, 0, width, height);
    Color[] palette = {new Color(240, 200, 40), new Color(120, 170, 230), new Color(230, 230, 200), new Color(40, 80, 170)};
    Random random = new Random(1889);
    for (int i = 0; i < width * height / 400; i++) {
      g.setColor(palette[random.nextInt(palette.length)]);
      g.setStroke(new BasicStroke(3 + random.nextInt(6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      double x = random.nextDouble() * width;
      double y = random.nextDouble() * height;
      double length = 20 + random.nextDouble() * 40;
      double angle = random.nextDouble() * Math.PI;
      g.draw(new QuadCurve2D.Double(x, y, x + length * Math.cos(angle + 1), y + length * Math.sin(angle + 1),
          x + length * Math.cos(angle), y + length * Math.sin(angle)));
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
