package org.aips.plugins.faceingest.fetch;

import io.vertx.core.buffer.Buffer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code data:} URI (RFC 2397) as the seed describes: {@code data:[<media type>][;base64],<data>}.
 * Decoding is CPU work on possibly megabytes: call it on a worker thread.
 */
final class DataUri {

  private DataUri() {
  }

  static Buffer decode(String uri, long maxBytes) {
    int comma = uri.indexOf(',');
    if (comma < 0) {
      throw new FetchException("a data: URI needs a ',' before its data");
    }
    String meta = uri.substring("data:".length(), comma);
    String data = uri.substring(comma + 1);
    long estimate = meta.endsWith(";base64") ? (long) data.length() * 3 / 4 : data.length();
    if (estimate > maxBytes + 3) {
      throw new FetchException("the data: URI holds more than " + maxBytes + " bytes");
    }
    byte[] bytes;
    try {
      bytes = meta.endsWith(";base64") ? Base64.getDecoder().decode(data.replaceAll("\\s+", ""))
          : URLDecoder.decode(data, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      throw new FetchException("the data: URI is not valid base64: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      throw new FetchException("the data: URI holds more than " + maxBytes + " bytes");
    }
    return Buffer.buffer(bytes);
  }
}
