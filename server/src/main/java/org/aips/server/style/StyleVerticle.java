package org.aips.server.style;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.vision.ImageDecoder;
import org.aips.server.vision.ImageRejected;
import org.aips.server.vision.RgbImage;
import org.aips.server.vision.VisionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The style-transfer service of an inference node: paints one request at a time on a thread of its
 * own (a painting uses every core), queues up to {@code style.queueLimit} more and answers BUSY
 * beyond that. Message shapes: docs/style.md.
 */
public final class StyleVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StyleVerticle.class);
  /** Failure code of a painting stopped by {@link Addresses#STYLE_CANCEL}. */
  public static final int CANCELLED = org.aips.spi.services.ServiceFailure.CANCELLED.code();

  private final StyleSettings settings;
  private final ImageDecoder decoder;
  private final Map<String, AtomicBoolean> jobs = new ConcurrentHashMap<>();
  /** Paintings accepted and not yet answered: the running one plus those waiting. Event-loop only. */
  private int accepted;
  private StyleTransfer transfer;
  private WorkerExecutor paintingThread;

  public StyleVerticle(StyleSettings settings, long maxPixels) {
    this.settings = settings;
    this.decoder = new ImageDecoder(maxPixels);
  }

  @Override
  public Future<?> start() {
    paintingThread = vertx.createSharedWorkerExecutor("aips-style-" + UUID.randomUUID(), 1, 6, TimeUnit.HOURS);
    return paintingThread.executeBlocking(() -> {
      transfer = settings.newTransfer();
      LOG.info("style transfer ready: {} features, results up to {} px", settings.features(), settings.maxSide());
      return null;
    }).compose(ready -> Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.STYLE_PAINT, this::paint).completion(),
        vertx.eventBus().<String>consumer(Addresses.STYLE_CANCEL, cancel -> {
          AtomicBoolean cancelled = jobs.get(cancel.body());
          if (cancelled != null) {
            cancelled.set(true);
          }
        }).completion()));
  }

  @Override
  public Future<?> stop() {
    jobs.values().forEach(cancelled -> cancelled.set(true));
    return paintingThread.close();
  }

  private void paint(Message<JsonObject> message) {
    if (accepted > settings.queueLimit()) {
      message.fail(VisionFailure.BUSY.busCode(), "the style service is busy: " + settings.queueLimit() + " paintings are waiting");
      return;
    }
    StyleRequest request;
    try {
      request = StyleRequest.from(message.body());
    } catch (IllegalArgumentException e) {
      message.fail(VisionFailure.BAD_REQUEST.busCode(), e.getMessage());
      return;
    }
    accepted++;
    AtomicBoolean cancelled = new AtomicBoolean();
    jobs.put(request.job(), cancelled);
    paintingThread.executeBlocking(() -> run(request, cancelled), true).onComplete(done -> {
      accepted--;
      jobs.remove(request.job());
      if (done.succeeded()) {
        message.reply(done.result().jpeg(), new DeliveryOptions()
            .addHeader("width", Integer.toString(done.result().width()))
            .addHeader("height", Integer.toString(done.result().height())));
      } else if (done.cause() instanceof CancellationException) {
        message.fail(CANCELLED, "cancelled");
      } else if (done.cause() instanceof ImageRejected rejected) {
        message.fail(rejected.failure().busCode(), rejected.getMessage());
      } else {
        LOG.error("style transfer of job {} failed", request.job(), done.cause());
        message.fail(VisionFailure.INTERNAL.busCode(), "style transfer failed: " + done.cause().getMessage());
      }
    });
  }

  private Painted run(StyleRequest request, AtomicBoolean cancelled) throws Exception {
    RgbImage content = decode(request::content, "contentImage");
    RgbImage style = decode(request::style, "styleImage");
    ProgressSender progress = new ProgressSender(vertx.eventBus(), request.progressAddress());
    RgbImage result = transfer.paint(content, style, request.method(), request.quality(), progress, cancelled::get);
    progress.accept(1.0);
    byte[] jpeg = JpegEncoder.encode(result, transfer.jpegQuality(request.method(), request.quality()));
    return new Painted(Buffer.buffer(jpeg), result.width(), result.height());
  }

  private RgbImage decode(Supplier<byte[]> base64, String name) {
    byte[] bytes;
    try {
      bytes = base64.get();
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ImageRejected(VisionFailure.BAD_REQUEST, name + " is not base64 bytes");
    }
    try {
      return decoder.decode(bytes);
    } catch (ImageRejected e) {
      throw new ImageRejected(e.failure(), name + ": " + e.getMessage());
    }
  }

  private record Painted(Buffer jpeg, int width, int height) {
  }
}
