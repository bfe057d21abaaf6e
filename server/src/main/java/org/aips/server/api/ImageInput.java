package org.aips.server.api;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * Turns a base64 field of the seed (optionally a data URL) into image bytes and checks them
 * against the limits. Only the header is read: the pixel count is known before anything is
 * decoded, so a decompression bomb costs nothing. Blocking (ImageIO): call on a worker.
 */
final class ImageInput {

  /** Line breaks and spaces that some encoders insert. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ImageInput() {
  }

  static byte[] decode(String field, String base64, long maxBytes, long maxPixels) {
    byte[] bytes = decodeBase64(field, base64, maxBytes);
    if (bytes.length > maxBytes) {
      throw ApiException.badRequest("IMAGE_TOO_LARGE", field + " is " + bytes.length + " bytes; the limit is " + maxBytes + " (limits.imageBytes)");
    }
    long pixels = pixelCount(field, bytes);
    if (pixels > maxPixels) {
      throw ApiException.badRequest("IMAGE_TOO_LARGE", field + " has " + pixels + " pixels; the limit is " + maxPixels + " (limits.imagePixels)");
    }
    return bytes;
  }

  private static byte[] decodeBase64(String field, String value, long maxBytes) {
    String payload = value;
    if (payload.startsWith("data:")) {
      int comma = payload.indexOf(',');
      if (comma < 0 || !payload.substring(0, comma).endsWith(";base64")) {
        throw ApiException.badRequest("INVALID_BASE64", field + " is a data URL without ';base64,'");
      }
      payload = payload.substring(comma + 1);
    }
    if (payload.length() / 4L * 3 > maxBytes + 3) {
      throw ApiException.badRequest("IMAGE_TOO_LARGE", field + " exceeds " + maxBytes + " bytes (limits.imageBytes)");
    }
    try {
      return Base64.getDecoder().decode(WHITESPACE.matcher(payload).replaceAll(""));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_BASE64", field + " is not valid base64: " + e.getMessage());
    }
  }

  private static long pixelCount(String field, byte[] bytes) {
    if (bytes.length == 0) {
      throw ApiException.badRequest("INVALID_IMAGE", field + " is empty");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw ApiException.badRequest("INVALID_IMAGE", field + " is not an image in a supported format (JPEG, PNG, BMP, GIF, WebP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw ApiException.badRequest("INVALID_IMAGE", field + " is not a readable image: " + e.getMessage());
    }
  }
}
