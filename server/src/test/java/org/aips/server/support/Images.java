package org.aips.server.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/** Real images made by the tests. */
public final class Images {

  private Images() {
  }

  /** A colourful PNG with shapes, {@code width}×{@code height}. */
  public static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return encode(image, "png");
  }

  /** The same picture as {@link #png}, as a JPEG. */
  public static byte[] jpeg(int width, int height) {
    return encode(decode(png(width, height)), "jpeg");
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A tiny, valid PNG whose header claims {@code width}×{@code height} pixels: a decompression
   * bomb as far as a careless server is concerned.
   */
  public static byte[] pngHeaderClaiming(int width, int height) {
    byte[] real = png(8, 8);
    java.nio.ByteBuffer.wrap(real, 16, 8).putInt(width).putInt(height);
    // fix the IHDR CRC so decoders accept the header
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(real, 12, 17);
    java.nio.ByteBuffer.wrap(real, 29, 4).putInt((int) crc.getValue());
    return real;
  }

  public static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  public static byte[] jpeg(BufferedImage image) {
    return encode(image, "jpg");
  }

  /** Scaled to width × height, bilinear. */
  public static BufferedImage resize(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
