package org.aips.plugins.style;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A style-transfer task type. The painting itself runs in the style service of an inference node
 * ({@code aips.style.paint}, docs/style.md); this type sends it the two images, relays its progress
 * and cancels it when the task is cancelled. Plugin configuration ({@code plugins.config.style}):
 * {@code timeoutSeconds} (default 3600) and {@code concurrency} (default 1).
 */
abstract class StyleTaskType implements TaskType {

  static final String PAINT = "aips.style.paint";
  static final String CANCEL = "aips.style.cancel";
  static final String STYLE_IMAGE = "styleImage";
  static final String CONTENT_IMAGE = "contentImage";
  /** The service's failure codes 4000–4999 are the client's images or request: retrying cannot help. */
  private static final int CLIENT_ERRORS = 4000;
  private static final int CANCELLED = 4099;

  private long timeoutMillis = TimeUnit.HOURS.toMillis(1);
  private int concurrency = 1;

  /** The service's method name. */
  abstract String method();

  /** Measured seconds on a 2-core CPU per quality band 0–24, 25–49, 50–74, 75–100 (docs/style.md). */
  abstract double[] secondsByBand();

  @Override
  public void init(PluginHost host) {
    JsonObject config = host.config();
    timeoutMillis = TimeUnit.SECONDS.toMillis(config.getLong("timeoutSeconds", TimeUnit.MILLISECONDS.toSeconds(timeoutMillis)));
    concurrency = config.getInteger("concurrency", concurrency);
    if (timeoutMillis <= 0 || concurrency < 1) {
      throw new IllegalArgumentException("plugins.config.style: timeoutSeconds must be positive and concurrency at least 1");
    }
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject().put("type", "object").put("additionalProperties", false);
  }

  @Override
  public Set<String> requiredInputs() {
    return Set.of(STYLE_IMAGE, CONTENT_IMAGE);
  }

  @Override
  public double estimateSeconds(JsonObject params, int quality) {
    return secondsByBand()[Math.min(3, Math.max(0, quality) / 25)];
  }

  /** A painting uses every core of its node: running more at once only makes each slower. */
  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public Future<TaskResult> execute(TaskContext context) {
    Buffer style = context.input(STYLE_IMAGE).orElseThrow(() -> TaskFailure.permanent(STYLE_IMAGE + " is required"));
    Buffer content = context.input(CONTENT_IMAGE).orElseThrow(() -> TaskFailure.permanent(CONTENT_IMAGE + " is required"));
    // One job per run: a retry must not be stopped by the cancel of an earlier attempt.
    String job = context.taskId() + "/" + context.attempt();
    EventBus bus = context.eventBus();
    MessageConsumer<Double> progress = bus.consumer("aips.style.progress." + job, message -> context.progress(message.body()));
    context.whenCancelled().onComplete(cancelled -> bus.publish(CANCEL, job));
    JsonObject request = new JsonObject()
        .put("job", job)
        .put("method", method())
        .put("quality", context.quality())
        .put("progress", progress.address())
        .put("content", content.getBytes())
        .put("style", style.getBytes());
    return progress.completion()
        .compose(registered -> bus.<Buffer>request(PAINT, request, new DeliveryOptions().setSendTimeout(timeoutMillis)))
        .map(reply -> TaskResult.bytes(reply.body(), "image/jpeg"))
        .recover(StyleTaskType::failure)
        .eventually(progress::unregister);
  }

  private static Future<TaskResult> failure(Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      int code = reply.failureCode();
      if (code >= CLIENT_ERRORS && code < 5000 && code != CANCELLED) {
        return Future.failedFuture(TaskFailure.permanent(reply.getMessage()));
      }
    }
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return Future.failedFuture(TaskFailure.retryable("no node runs the style service (inference role with style.enabled)", cause));
    }
    return Future.failedFuture(TaskFailure.retryable("style transfer failed: " + cause.getMessage(), cause));
  }
}
