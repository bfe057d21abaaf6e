package org.aips.server.style;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Images;
import org.aips.server.support.Paintings;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The style service's event-bus contract: bad requests, a full queue, cancel of a running painting. */
class StyleVerticleTest {

  private static Vertx vertx;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    // Random features (no model file) and no waiting room: a second painting is BUSY while one runs.
    StyleSettings settings = StyleSettings.fromConfig(new JsonObject().put("features", "random").put("queueLimit", 0), TestNode.MODEL_PACK);
    vertx.deployVerticle(new StyleVerticle(settings, 40_000_000L)).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aBadRequestOrANonImageFailsWithAClientCode() {
    assertThat(failureCode(paint("x", "WATERCOLOUR", Images.png(64, 64)))).isEqualTo(4004);
    assertThat(failureCode(paint("y", "FAST_STYLE", "hello".getBytes()))).isEqualTo(4001);
    JsonObject notBase64 = new JsonObject().put("job", "z").put("method", "FAST_STYLE").put("content", "%%%").put("style", "%%%");
    assertThat(failureCode(vertx.eventBus().request(Addresses.STYLE_PAINT, notBase64))).isEqualTo(4004);
  }

  @Test
  void aSecondPaintingIsBusyAndACancelledOneStops() {
    Promise<Void> painting = Promise.promise();
    MessageConsumer<Double> progress = vertx.eventBus().consumer("test.progress", fraction -> painting.tryComplete());
    Future<Message<Buffer>> running = paint("long", "DEEP_PAINT", Images.jpeg(1200, 900));
    painting.future().await();
    progress.unregister();
    assertThat(failureCode(paint("second", "FAST_STYLE", Images.png(64, 64)))).isEqualTo(5031);

    long cancelledAt = System.nanoTime();
    vertx.eventBus().publish(Addresses.STYLE_CANCEL, "long");
    assertThat(failureCode(running)).isEqualTo(StyleVerticle.CANCELLED);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
  }

  private static Future<Message<Buffer>> paint(String job, String method, byte[] content) {
    JsonObject request = new JsonObject().put("job", job).put("method", method).put("quality", 100).put("progress", "test.progress")
        .put("content", content).put("style", Paintings.swirls(200, 150));
    return vertx.eventBus().request(Addresses.STYLE_PAINT, request);
  }

  private static int failureCode(Future<Message<Buffer>> reply) {
    Throwable failure = catchThrowableOfType(() -> reply.await(), Throwable.class);
    assertThat(failure).isInstanceOf(ReplyException.class);
    return ((ReplyException) failure).failureCode();
  }
}
