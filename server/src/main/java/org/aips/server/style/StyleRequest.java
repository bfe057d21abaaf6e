package org.aips.server.style;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * A painting request on {@code aips.style.paint}: {@code {job, method, quality, progress?,
 * content, style}}, images as base64 (docs/style.md). The images are decoded by {@link #content()} and
 * {@link #style()}, on the painting thread: a few hundred kilobytes of base64 are no work for an event loop.
 */
record StyleRequest(String job, StyleMethod method, int quality, String progressAddress, JsonObject body) {

  byte[] content() {
    return body.getBinary("content");
  }

  byte[] style() {
    return body.getBinary("style");
  }

  static StyleRequest from(JsonObject body) {
    String job = body.getString("job");
    String method = body.getString("method");
    if (job == null || method == null || body.getValue("content") == null || body.getValue("style") == null) {
      throw new IllegalArgumentException("a style request needs job, method, content and style");
    }
    StyleMethod parsed;
    try {
      parsed = StyleMethod.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown style method " + method + "; use DEEP_PAINT or FAST_STYLE");
    }
    int quality = body.getInteger("quality", 50);
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0-100, got " + quality);
    }
    return new StyleRequest(job, parsed, quality, body.getString("progress"), body);
  }
}
