package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.UnexpectedResponseException;

/** Unwraps {@code {code, message, data, ...}}: the data on 200, a {@link RayvisionException} otherwise. */
final class Envelope {

  private static final int SNIPPET = 200;

  private Envelope() {
  }

  static Object unwrap(HttpResponse<Buffer> response, String path) {
    JsonObject envelope = parse(response, path);
    Object code = envelope.getValue("code");
    if (!(code instanceof Number number)) {
      throw new UnexpectedResponseException(response.statusCode(), path, "no code in the answer");
    }
    if (number.intValue() != 200) {
      throw new RayvisionException(number.intValue(), String.valueOf(envelope.getValue("message")), path);
    }
    return envelope.getValue("data");
  }

  private static JsonObject parse(HttpResponse<Buffer> response, String path) {
    Buffer body = response.body();
    String text = body == null ? "" : body.toString();
    try {
      return new JsonObject(text);
    } catch (RuntimeException notJson) {
      String snippet = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
      throw new UnexpectedResponseException(response.statusCode(), path, snippet.isBlank() ? "" : "body: " + snippet);
    }
  }
}
