package org.aips.spi.services;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The objects service ({@link ServiceAddresses#OBJECTS}): an image, or decoded video frames in one request. */
public final class ObjectsClient {

  private final EventBus bus;

  private ObjectsClient(EventBus bus) {
    this.bus = bus;
  }

  public static ObjectsClient create(EventBus bus) {
    return new ObjectsClient(bus);
  }

  /** Objects in an image file's bytes. */
  public Future<Detections> objects(Buffer image) {
    return ServiceCalls.typed(bus.<JsonObject>request(ServiceAddresses.OBJECTS, image), "the objects service")
        .map(reply -> Detections.fromJson(reply.body()));
  }

  /** Objects in each of a batch of frames: RGB, 3 bytes a pixel, rows top to bottom, {@code width} × {@code height} each, concatenated. */
  public Future<List<Detections>> frames(Buffer rgb24, int width, int height) {
    DeliveryOptions delivery = new DeliveryOptions()
        .addHeader(ServiceAddresses.HEADER_FORMAT, ServiceAddresses.FORMAT_RGB24)
        .addHeader(ServiceAddresses.HEADER_WIDTH, Integer.toString(width))
        .addHeader(ServiceAddresses.HEADER_HEIGHT, Integer.toString(height));
    return ServiceCalls.typed(bus.<JsonObject>request(ServiceAddresses.OBJECTS, rgb24, delivery), "the objects service")
        .map(reply -> reply.body().getJsonArray("frames").stream().map(frame -> Detections.fromJson((JsonObject) frame)).toList());
  }
}
