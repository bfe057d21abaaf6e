package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** The response envelope of the contract: {@code {version, result, message, code, serverTime, requestId, data}}. */
final class Envelope {

  private Envelope() {
  }

  static JsonObject success(Object data) {
    return base(200, "success").put("data", data);
  }

  static JsonObject error(int code, String message) {
    return base(code, message).putNull("data");
  }

  private static JsonObject base(int code, String message) {
    return new JsonObject()
        .put("version", "2.0.0")
        .put("result", code == 200)
        .put("message", message)
        .put("code", code)
        .put("serverTime", System.currentTimeMillis())
        .put("requestId", "sim-" + UUID.randomUUID());
  }
}
