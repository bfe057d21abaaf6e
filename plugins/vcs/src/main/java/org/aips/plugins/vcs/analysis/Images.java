package org.aips.plugins.vcs.analysis;

import io.vertx.core.buffer.Buffer;
import org.aips.plugins.vcs.track.Rect;
import org.aips.plugins.vcs.video.SampledFrame;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Frame pixels as files: a BMP for the faces service (no compression to pay for), JPEG crops for thumbnails. */
final class Images {

  private Images() {
  }

  /** The frame as an uncompressed 24-bit BMP (rows bottom-up, BGR, padded to 4 bytes). */
  static Buffer bmp(SampledFrame frame) {
    int w = frame.width();
    int h = frame.height();
    int rowBytes = (w * 3 + 3) & ~3;
    int size = 54 + rowBytes * h;
    byte[] out = new byte[size];
    out[0] = 'B';
    out[1] = 'M';
    intLe(out, 2, size);
    intLe(out, 10, 54);
    intLe(out, 14, 40);
    intLe(out, 18, w);
    intLe(out, 22, h);
    out[26] = 1;
    out[28] = 24;
    intLe(out, 34, rowBytes * h);
    byte[] rgb = frame.rgb();
    for (int y = 0; y < h; y++) {
      int src = y * w * 3;
      int dst = 54 + (h - 1 - y) * rowBytes;
      for (int x = 0; x < w; x++, src += 3, dst += 3) {
        out[dst] = rgb[src + 2];
        out[dst + 1] = rgb[src + 1];
        out[dst + 2] = rgb[src];
      }
    }
    return Buffer.buffer(out);
  }

  /** {@code box} enlarged by {@code margin} on each side, clipped to the frame, scaled to at most {@code maxSide}, as JPEG. */
  static byte[] jpegCrop(SampledFrame frame, Rect box, double margin, int maxSide) {
    int x0 = clamp((int) Math.floor(box.x() - box.width() * margin), frame.width());
    int y0 = clamp((int) Math.floor(box.y() - box.height() * margin), frame.height());
    int x1 = clamp((int) Math.ceil(box.x() + box.width() * (1 + margin)), frame.width());
    int y1 = clamp((int) Math.ceil(box.y() + box.height() * (1 + margin)), frame.height());
    int w = Math.max(1, x1 - x0);
    int h = Math.max(1, y1 - y0);
    BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = ((DataBufferByte) crop.getRaster().getDataBuffer()).getData();
    byte[] rgb = frame.rgb();
    for (int y = 0; y < h; y++) {
      int src = ((y0 + y) * frame.width() + x0) * 3;
      int dst = y * w * 3;
      for (int x = 0; x < w; x++, src += 3, dst += 3) {
        pixels[dst] = rgb[src + 2];
        pixels[dst + 1] = rgb[src + 1];
        pixels[dst + 2] = rgb[src];
      }
    }
    return jpeg(scaled(crop, maxSide));
  }

  private static BufferedImage scaled(BufferedImage image, int maxSide) {
    double scale = (double) maxSide / Math.max(image.getWidth(), image.getHeight());
    if (scale >= 1) {
      return image;
    }
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static void intLe(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >> 8);
    out[at + 2] = (byte) (value >> 16);
    out[at + 3] = (byte) (value >> 24);
  }
}
