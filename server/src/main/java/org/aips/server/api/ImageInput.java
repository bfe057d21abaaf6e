package org.aips.server.api;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a base64 field of the seed (optionally a data URL) into image bytes and checks them
 * against the limits. The header is read first: the pixel count is known before anything is
 * decoded, so a decompression bomb costs nothing. Then truncated files are refused, so they fail
 * here with a clear error rather than later when the task runs. Blocking (ImageIO): call on a worker.
 */
final class ImageInput {

  /** The last chunk of every complete PNG: length 0, "IEND", its CRC. */
  private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

  /** Line breaks and spaces that some encoders insert. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ImageInput() {
  }

  static byte[] decode(String field, String base64, long maxBytes, long maxPixels) {
    byte[] bytes = decodeBase64(field, base64, maxBytes);
    if (bytes.length > maxBytes) {
      throw ApiException.badRequest("IMAGE_TOO_LARGE", field + " is " + bytes.length + " bytes; the limit is " + maxBytes + " (limits.imageBytes)");
    }
    inspect(field, bytes, maxPixels);
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

  private static void inspect(String field, byte[] bytes, long maxPixels) {
    if (bytes.length == 0) {
      throw ApiException.badRequest("INVALID_IMAGE", field + " is empty");
    }
    // Cached in memory: ImageIO.createImageInputStream would copy the bytes into a temporary file.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw ApiException.badRequest("INVALID_IMAGE", field + " is not an image in a supported format (JPEG, PNG, BMP, GIF, WebP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          throw ApiException.badRequest("IMAGE_TOO_LARGE", field + " has " + pixels + " pixels; the limit is " + maxPixels + " (limits.imagePixels)");
        }
        if (!endsWithEndMarker(reader.getFormatName(), bytes)) {
          decodeStrictly(field, reader);
        }
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

  /**
   * A file that ends with its format's end marker was written to the end: no need to decode it. (JPEGs
   * may carry data after the marker, for example phones' motion photos; those are decoded instead.)
   */
  private static boolean endsWithEndMarker(String format, byte[] bytes) {
    int n = bytes.length;
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "png" -> n >= 12 && Arrays.equals(bytes, n - 12, n, PNG_IEND, 0, 12);
      case "jpeg" -> n >= 2 && (bytes[n - 2] & 0xff) == 0xff && (bytes[n - 1] & 0xff) == 0xd9;
      case "gif" -> bytes[n - 1] == 0x3b;
      default -> false;
    };
  }

  /** ImageIO only warns about a premature end of file (and fills in gray); here that is an error. */
  private static void decodeStrictly(String field, ImageReader reader) throws IOException {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    reader.read(0);
    if (!warnings.isEmpty()) {
      throw ApiException.badRequest("INVALID_IMAGE", field + " is truncated or corrupt: " + warnings.get(0));
    }
  }
}
