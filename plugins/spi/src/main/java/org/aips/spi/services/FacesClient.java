package org.aips.spi.services;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** The faces service ({@link ServiceAddresses#FACES}), wherever on the cluster it runs. Failures are {@link ServiceException}s. */
public final class FacesClient {

  /**
   * @param descriptor add each face's 1024-value descriptor
   * @param mesh       add the 468 mesh points
   * @param deadlineMillis epoch milliseconds after which the service gives up (0: its configured timeout)
   */
  public record Options(boolean descriptor, boolean mesh, long deadlineMillis) {

    public static Options boxesAndPose() {
      return new Options(false, false, 0);
    }

    public static Options withDescriptors() {
      return new Options(true, false, 0);
    }
  }

  private final EventBus bus;

  private FacesClient(EventBus bus) {
    this.bus = bus;
  }

  public static FacesClient create(EventBus bus) {
    return new FacesClient(bus);
  }

  /** Faces in an image file's bytes (JPEG, PNG, BMP, WebP, GIF). */
  public Future<Faces> faces(Buffer image, Options options) {
    DeliveryOptions delivery = new DeliveryOptions()
        .addHeader(ServiceAddresses.HEADER_DESCRIPTOR, Boolean.toString(options.descriptor()))
        .addHeader(ServiceAddresses.HEADER_MESH, Boolean.toString(options.mesh()));
    if (options.deadlineMillis() > 0) {
      delivery.addHeader(ServiceAddresses.HEADER_DEADLINE, Long.toString(options.deadlineMillis()))
          .setSendTimeout(Math.max(1, options.deadlineMillis() - System.currentTimeMillis() + 1000));
    }
    return ServiceCalls.typed(bus.<JsonObject>request(ServiceAddresses.FACES, image, delivery), "the faces service")
        .map(reply -> Faces.fromJson(reply.body()));
  }
}
