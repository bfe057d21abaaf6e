package org.aips.spi.services;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The style service ({@link ServiceAddresses#STYLE_PAINT}, docs/style.md): paints a content image
 * in a style, reports progress, and stops when {@link #cancel} is called for its job.
 */
public final class StyleClient {

  public enum Method { FAST_STYLE, DEEP_PAINT }

  /**
   * @param job a unique id: cancelling it stops this painting and no other
   * @param quality 0–100, more passes and a larger result as it grows
   */
  public record Painting(String job, Method method, int quality, Buffer content, Buffer style) {
  }

  private final EventBus bus;

  private StyleClient(EventBus bus) {
    this.bus = bus;
  }

  public static StyleClient create(EventBus bus) {
    return new StyleClient(bus);
  }

  /** The painted JPEG; {@code progress} gets values in 0..1 as it goes (at most every 200 ms). */
  public Future<Buffer> paint(Painting painting, Handler<Double> progress, long timeoutMillis) {
    MessageConsumer<Double> updates = bus.consumer(ServiceAddresses.styleProgress(painting.job()), message -> progress.handle(message.body()));
    JsonObject request = new JsonObject()
        .put("job", painting.job())
        .put("method", painting.method().name())
        .put("quality", painting.quality())
        .put("progress", updates.address())
        .put("content", painting.content().getBytes())
        .put("style", painting.style().getBytes());
    Future<Buffer> painted = updates.completion()
        .compose(registered -> bus.<Buffer>request(ServiceAddresses.STYLE_PAINT, request, new DeliveryOptions().setSendTimeout(timeoutMillis)))
        .map(reply -> reply.body());
    return ServiceCalls.typed(painted, "the style service (inference role with style.enabled)").eventually(updates::unregister);
  }

  /** Stops the painting of {@code job}, queued or running; its {@link #paint} then fails with {@link ServiceFailure#CANCELLED}. */
  public void cancel(String job) {
    bus.publish(ServiceAddresses.STYLE_CANCEL, job);
  }
}
