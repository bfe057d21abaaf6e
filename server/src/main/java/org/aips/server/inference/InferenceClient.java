package org.aips.server.inference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.aips.server.bus.Addresses;
import org.aips.spi.services.ServiceFailure;

import java.util.List;

/** Sends a batch to a model over the event bus, wherever its inference verticles run. */
public final class InferenceClient {

  /** Request header: epoch milliseconds after which the answer is useless. */
  public static final String DEADLINE_HEADER = "deadline";

  private final Vertx vertx;

  public InferenceClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<List<TensorData>> run(String model, TensorData input, long deadlineMillis) {
    long timeout = Math.max(1, deadlineMillis - System.currentTimeMillis());
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout).addHeader(DEADLINE_HEADER, Long.toString(deadlineMillis));
    return vertx.eventBus().<Buffer>request(Addresses.inference(model), TensorCodec.encode(List.of(input)), options)
        .map(reply -> TensorCodec.decode(reply.body()))
        .recover(e -> Future.failedFuture(translate(model, e)));
  }

  private static Throwable translate(String model, Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ServiceFailure.NO_INFERENCE.code(),
          "no inference verticle serves model " + model + " (is a node with the inference role up?)");
    }
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ServiceFailure.DEADLINE_EXCEEDED.code(),
          "model " + model + " did not answer before the deadline");
    }
    return e;
  }
}
