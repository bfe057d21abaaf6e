package org.aips.plugins.style;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.aips.spi.services.ServiceFailure;
import org.aips.spi.services.StyleClient;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A style-transfer task type. The painting itself runs in the style service of an inference node
 * ({@link StyleClient}, docs/style.md); this type sends it the two images, relays its progress
 * and cancels it when the task is cancelled or stopped. Plugin configuration ({@code plugins.config.style}):
 * {@code timeoutSeconds} (default 3600) and {@code concurrency} (default 1).
 */
abstract class StyleTaskType implements TaskType {

  static final String STYLE_IMAGE = "styleImage";
  static final String CONTENT_IMAGE = "contentImage";

  private long timeoutMillis = TimeUnit.HOURS.toMillis(1);
  private int concurrency = 1;

  /** The service's method. */
  abstract StyleClient.Method method();

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
    StyleClient painter = StyleClient.create(context.eventBus());
    // One job per run: a retry must not be stopped by the cancel of an earlier attempt.
    String job = context.taskId() + "/" + context.attempt();
    context.whenCancelled().onComplete(cancelled -> painter.cancel(job));
    return painter.paint(new StyleClient.Painting(job, method(), context.quality(), content, style), context::progress, timeoutMillis)
        .map(painted -> TaskResult.bytes(painted, "image/jpeg"))
        .recover(StyleTaskType::failure);
  }

  /**
   * The caller's images or request: fails for good. No style service yet, or all of them busy: waits
   * without using an attempt (a task submitted while the node is still starting). Anything else:
   * retried.
   */
  private static Future<TaskResult> failure(Throwable cause) {
    ServiceFailure failure = ServiceFailure.of(cause).orElse(ServiceFailure.INTERNAL);
    return Future.failedFuture(failure.isUnavailable() ? TaskFailure.unavailable(cause.getMessage(), cause)
        : failure.isPermanent() ? TaskFailure.permanent(cause.getMessage())
        : TaskFailure.retryable("style transfer failed: " + cause.getMessage(), cause));
  }
}
