package org.aips.server.vision;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decodes uploaded bytes (JPEG, PNG, BMP, WebP, GIF through ImageIO and TwelveMonkeys) into
 * {@link RgbImage} in display orientation. The pixel count is checked from the header before any
 * pixel is decoded, so a decompression bomb costs nothing. The pixels of a colour or greyscale
 * JPEG come from {@link TensorFlowJpeg} (libjpeg-turbo), which refuses a JPEG cut short; ImageIO
 * decodes the rest and what that refuses, and a decoder warning there (a JPEG cut inside its scan
 * decodes "successfully" with grey rows) rejects the image as truncated. Blocking.
 */
public final class ImageDecoder {

  private final long maxPixels;

  public ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  public RgbImage decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "the image is empty");
    }
    // Cached in memory: ImageIO.createImageInputStream would copy the bytes into a temporary file.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageRejected(VisionFailure.INVALID_IMAGE, "not an image in a supported format (JPEG, PNG, BMP, WebP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkPixels((long) reader.getWidth(0) * reader.getHeight(0));
        boolean jpeg = reader.getFormatName().equalsIgnoreCase("jpeg");
        if (jpeg && isColourOrGrey(reader.getRawImageType(0))) {
          RgbImage decoded = TensorFlowJpeg.decode(bytes);
          if (decoded != null) {
            return Orientation.apply(decoded, ExifOrientation.of(bytes));
          }
        }
        AtomicReference<String> warning = new AtomicReference<>();
        reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
        BufferedImage image = reader.read(0);
        if (warning.get() != null) {
          throw new ImageRejected(VisionFailure.TRUNCATED_IMAGE, "the image is truncated or damaged: " + warning.get());
        }
        int orientation = jpeg ? ExifOrientation.of(bytes) : 1;
        return Orientation.apply(toRgb(image), orientation);
      } finally {
        reader.dispose();
      }
    } catch (EOFException e) {
      // The WebP and PNG readers run off the end of a cut file with a bare EOFException.
      throw new ImageRejected(VisionFailure.TRUNCATED_IMAGE, "the image is truncated: the file ends before its image data does");
    } catch (IIOException e) {
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "the image cannot be decoded (damaged or truncated): " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageRejected rejected) {
        throw rejected;
      }
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "the image cannot be decoded: " + e);
    }
  }

  /** YCbCr or greyscale, not CMYK or YCCK (those TwelveMonkeys converts with their colour profile). */
  private static boolean isColourOrGrey(ImageTypeSpecifier type) {
    int components = type == null ? 0 : type.getNumComponents();
    return components == 1 || components == 3;
  }

  private void checkPixels(long pixels) {
    if (pixels > maxPixels) {
      throw new ImageRejected(VisionFailure.IMAGE_TOO_LARGE, "the image has " + pixels + " pixels; the limit is " + maxPixels + " (limits.imagePixels)");
    }
  }

  static RgbImage toRgb(BufferedImage image) {
    BufferedImage bgr = image;
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = bgr.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    byte[] rgb = new byte[data.length];
    for (int i = 0; i < data.length; i += 3) {
      rgb[i] = data[i + 2];
      rgb[i + 1] = data[i + 1];
      rgb[i + 2] = data[i];
    }
    return new RgbImage(bgr.getWidth(), bgr.getHeight(), rgb);
  }
}
