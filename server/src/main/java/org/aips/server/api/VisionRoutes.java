package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.server.bus.Addresses;
import org.aips.server.config.AipsConfig;
import org.aips.server.inference.InferenceClient;
import org.aips.server.vision.VisionFailure;
import org.aips.server.vision.VisionVerticle;

/** {@code POST /api/vision/faces} and {@code /api/vision/objects}: the vision services of the event bus, answered synchronously. */
final class VisionRoutes {

  /** Where these routes live: they read their bodies themselves (see {@link ImageUpload}). */
  static final String BASE_PATH = "/api/vision/";

  private final Vertx vertx;
  private final AipsConfig config;
  private final ImageUpload upload;

  VisionRoutes(Vertx vertx, AipsConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.upload = new ImageUpload(config.imageBytesLimit());
  }

  static boolean owns(String path) {
    return path.startsWith(BASE_PATH);
  }

  void faces(RoutingContext rc) {
    DeliveryOptions options = options()
        .addHeader(VisionVerticle.DESCRIPTOR, Boolean.toString(flag(rc, "descriptor")))
        .addHeader(VisionVerticle.MESH, Boolean.toString(flag(rc, "mesh")));
    forward(rc, Addresses.VISION_FACES, options);
  }

  void objects(RoutingContext rc) {
    forward(rc, Addresses.VISION_OBJECTS, options());
  }

  private void forward(RoutingContext rc, String address, DeliveryOptions options) {
    upload.read(rc).compose(image -> vertx.eventBus().<JsonObject>request(address, image, options)
        .recover(failure -> Future.failedFuture(toApiException(failure)))).onComplete(reply -> {
      if (reply.succeeded()) {
        rc.response().putHeader("content-type", "application/json; charset=utf-8")
            .end(new JsonObject().put("success", true).put("data", reply.result().body()).encode());
      } else {
        rc.fail(reply.cause());
      }
    });
  }

  /** The deadline travels with the request; the bus timeout is a little later so the service answers first. */
  private DeliveryOptions options() {
    long timeout = config.visionTimeoutMillis();
    return new DeliveryOptions().setSendTimeout(timeout + 1000)
        .addHeader(InferenceClient.DEADLINE_HEADER, Long.toString(System.currentTimeMillis() + timeout));
  }

  private static boolean flag(RoutingContext rc, String name) {
    return Boolean.parseBoolean(rc.queryParams().get(name));
  }

  private static Throwable toApiException(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ApiException(503, VisionFailure.NO_INFERENCE.name(), "no node serves the vision services (inference role)");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new ApiException(504, VisionFailure.DEADLINE_EXCEEDED.name(), "the vision service did not answer in time");
      }
      return VisionFailure.ofBusCode(reply.failureCode())
          .map(f -> new ApiException(f.httpStatus(), f.name(), reply.getMessage()))
          .orElseGet(() -> new ApiException(500, "INTERNAL", "internal error; it has been logged"));
    }
    return failure;
  }
}
