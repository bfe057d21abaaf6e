package org.aips.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.vision.VisionFailure;

/** Calls the vision services over the event bus from the test thread. */
public final class VisionBus {

  private final Vertx vertx;

  public VisionBus(Vertx vertx) {
    this.vertx = vertx;
  }

  public JsonArray faces(byte[] image) {
    return facesResult(image, false).getJsonArray("faces");
  }

  public JsonObject facesResult(byte[] image, boolean descriptor) {
    DeliveryOptions options = new DeliveryOptions().addHeader("descriptor", Boolean.toString(descriptor));
    return vertx.eventBus().<JsonObject>request(Addresses.VISION_FACES, Buffer.buffer(image), options).await().body();
  }

  public JsonArray objects(byte[] image) {
    return vertx.eventBus().<JsonObject>request(Addresses.VISION_OBJECTS, Buffer.buffer(image)).await().body().getJsonArray("objects");
  }

  public JsonObject request(String address, Buffer body, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(address, body, options).await().body();
  }

  /** The failure of a request expected to fail. */
  public VisionFailure failureOf(String address, byte[] image) {
    try {
      vertx.eventBus().request(address, Buffer.buffer(image)).await();
    } catch (ReplyException e) {
      return VisionFailure.ofBusCode(e.failureCode()).orElseThrow(() -> new AssertionError("unexpected failure " + e));
    }
    throw new AssertionError("the request succeeded");
  }
}
