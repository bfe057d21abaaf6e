package org.aips.server.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP answers: {@code {success: false, error: {code, message}}}, never a stack trace. */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {
  }

  public static void handle(RoutingContext rc) {
    handle(rc, (status, code, message) -> new JsonObject().put("success", false)
        .put("error", new JsonObject().put("code", code).put("message", message)));
  }

  /** The same, in a plugin's own error envelope. */
  static void handle(RoutingContext rc, ErrorBody envelope) {
    ApiException error = toApiException(rc);
    if (error.status() == 500) {
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    } else if (error.status() > 500) {
      LOG.warn("{} {}: {} {}", rc.request().method(), rc.request().path(), error.status(), error.getMessage());
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    JsonObject body = envelope.of(error.status(), error.code(), error.getMessage());
    rc.response().setStatusCode(error.status()).putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
  }

  interface ErrorBody {
    JsonObject of(int status, String code, String message);
  }

  private static ApiException toApiException(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof HttpException http && http.getCause() != null) {
      failure = http.getCause();
    }
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof ValidatorException validation) {
      return ApiException.badRequest("BAD_REQUEST", describe(validation));
    }
    if (failure instanceof org.aips.spi.BlobTooLargeException tooLarge) {
      return new ApiException(413, "BODY_TOO_LARGE", "the upload exceeds its limit of " + tooLarge.limit() + " bytes");
    }
    if (failure instanceof DecodeException) {
      return ApiException.badRequest("BAD_REQUEST", "the body is not valid JSON");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    return switch (status) {
      case 400 -> ApiException.badRequest("BAD_REQUEST", failure != null && failure.getMessage() != null ? failure.getMessage() : "bad request");
      case 401, 403 -> new ApiException(401, "UNAUTHORIZED", "a valid x-token header (JWT with a uid) is required");
      case 404 -> ApiException.notFound("no such route: " + rc.request().method() + " " + rc.request().path());
      case 405 -> new ApiException(405, "METHOD_NOT_ALLOWED", "method not allowed on " + rc.request().path());
      case 413 -> new ApiException(413, "BODY_TOO_LARGE", "the request body exceeds the configured limit (http.bodyLimitBytes)");
      case 415 -> new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
      case 503 -> new ApiException(503, "BUSY", failure != null && failure.getMessage() != null ? failure.getMessage() : "busy; retry later");
      case -1, 500 -> new ApiException(500, "INTERNAL", "internal error; it has been logged");
      default -> new ApiException(status, "HTTP_" + status, failure != null && failure.getMessage() != null ? failure.getMessage() : "request failed");
    };
  }

  private static String describe(ValidatorException validation) {
    if (validation instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      String what = schema.getMessage() == null ? "" : schema.getMessage().replaceFirst("(?s)\\s*Reason:.*$", "");
      return what + " " + ValidationMessages.describe(schema.getOutputUnit());
    }
    return validation.getMessage();
  }
}
