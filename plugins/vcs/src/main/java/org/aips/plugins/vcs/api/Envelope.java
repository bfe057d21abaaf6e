package org.aips.plugins.vcs.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.vcs.task.VcsError;
import org.aips.plugins.vcs.task.VcsException;
import org.aips.plugins.vcs.video.VideoRejected;
import org.aips.spi.BlobTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The seed's envelope {@code {Code, Message, Data}}; every answer and every error goes out through here. */
final class Envelope {

  private static final Logger LOG = LoggerFactory.getLogger(Envelope.class);

  private Envelope() {
  }

  static JsonObject success(Object data) {
    JsonObject body = new JsonObject().put("Code", "0").put("Message", "SUCCESS");
    return data == null ? body : body.put("Data", data);
  }

  static JsonObject error(VcsError error, String message) {
    return new JsonObject().put("Code", error.code()).put("Message", message).put("Data", null);
  }

  /** Answers the future's value as Data, or its failure as an error envelope. */
  static void answer(RoutingContext rc, Future<?> result) {
    result.onSuccess(data -> send(rc, 200, success(data))).onFailure(e -> fail(rc, e));
  }

  static void fail(RoutingContext rc, Throwable e) {
    VcsError error;
    String message = e.getMessage();
    if (e instanceof VcsException vcs) {
      error = vcs.error();
    } else if (e instanceof VideoRejected rejected) {
      error = switch (rejected.reason()) {
        case NOT_A_VIDEO -> VcsError.NOT_A_VIDEO;
        case TRUNCATED -> VcsError.TRUNCATED_VIDEO;
        case TOO_LARGE -> VcsError.VIDEO_TOO_LARGE;
      };
    } else if (e instanceof BlobTooLargeException tooLarge) {
      error = VcsError.VIDEO_TOO_LARGE;
      message = "the video exceeds the upload limit of " + tooLarge.limit() + " bytes";
    } else {
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), e);
      error = VcsError.INTERNAL;
      message = "internal error; it has been logged";
    }
    send(rc, error.status(), error(error, message));
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    if (!rc.response().ended()) {
      rc.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
    }
  }
}
