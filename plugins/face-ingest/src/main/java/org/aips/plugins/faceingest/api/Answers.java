package org.aips.plugins.faceingest.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.faceingest.ApiError;
import org.aips.spi.BlobTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers in one place: a result as JSON with 200, a refusal as {@code {"code", "message"}} with
 * its status ({@link ApiError}), anything unexpected as 500 {@code INTERNAL} with the cause logged
 * (never a stack trace to the client).
 */
final class Answers {

  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  private Answers() {
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  static void json(RoutingContext rc, Future<JsonObject> result) {
    result.onSuccess(json -> {
      if (!rc.response().ended()) {
        rc.response().putHeader("content-type", "application/json").end(json.encode());
      }
    }).onFailure(e -> fail(rc, e));
  }

  /** The seed's start, stop and delete answer a bare 200; this service adds an empty JSON object. */
  static void ok(RoutingContext rc, Future<?> result) {
    json(rc, result.map(done -> new JsonObject()));
  }

  static void fail(RoutingContext rc, Throwable e) {
    if (rc.response().ended() || rc.response().headWritten()) {
      if (!rc.response().ended()) {
        rc.response().reset();
      }
      LOG.warn("{} {} failed after the answer began", rc.request().method(), rc.request().path(), e);
      return;
    }
    if (e instanceof ApiError error) {
      send(rc, error.status(), error.code(), error.getMessage());
    } else if (e instanceof BlobTooLargeException tooLarge) {
      send(rc, 413, "TOO_LARGE", "the file exceeds the limit of " + tooLarge.limit() + " bytes");
    } else {
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), e);
      send(rc, 500, "INTERNAL", "internal error; the server log has the details");
    }
  }

  private static void send(RoutingContext rc, int status, String code, String message) {
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(error(code, message).encode());
  }
}
