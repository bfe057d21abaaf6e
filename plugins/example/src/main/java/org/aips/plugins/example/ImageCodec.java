package org.aips.plugins.example;

import io.vertx.core.buffer.Buffer;
import org.aips.spi.TaskFailure;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * javax.imageio decoding and JPEG encoding of in-memory images.
 *
 * <p>Streams are memory-cached explicitly: {@code ImageIO.createImageInputStream} would spill to a
 * temporary file by default, and switching that off with {@code ImageIO.setUseCache} would change
 * a JVM-wide setting of the host.
 */
final class ImageCodec {

  private ImageCodec() {
  }

  /** Decodes the first image in {@code data}; anything that cannot be decoded fails permanently. */
  static BufferedImage decode(byte[] data, long maxPixels) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw notDecodable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // Checked from the header, before the pixels are allocated.
        if ((long) reader.getWidth(0) * reader.getHeight(0) > maxPixels) {
          throw TaskFailure.permanent("contentImage has more than " + maxPixels + " pixels");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (TaskFailure e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Corrupt data makes the JDK decoders throw assorted unchecked exceptions, not only IIOException.
      throw notDecodable();
    }
  }

  /** Encodes as baseline JPEG with the given compression quality (0.0–1.0). */
  static Buffer encodeJpeg(BufferedImage image, float compressionQuality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(Math.max(0f, Math.min(1f, compressionQuality)));
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  private static TaskFailure notDecodable() {
    return TaskFailure.permanent("contentImage is not a decodable image");
  }
}
