package org.aips.plugins.example;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.spi.BlockingTaskType;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.pf4j.Extension;

import java.awt.image.BufferedImage;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * {@code Thumbnail}: scales the seed's {@code contentImage} so its longest side is at most
 * {@code maxSize} (never enlarging it), optionally to grayscale, and returns a JPEG.
 *
 * <p>JPEG quality: the task's {@code quality} (0–100) maps linearly to the JPEG writer's
 * compression quality {@code quality / 100} (0.0 = smallest file, 1.0 = best image).
 */
@Extension
public final class ThumbnailTaskType extends BlockingTaskType {

  static final String INPUT = "contentImage";
  static final int DEFAULT_MAX_SIZE = 256;
  static final boolean DEFAULT_GRAYSCALE = true;

  /**
   * Largest decoded image accepted, in pixels. A few kilobytes of PNG can declare a huge canvas,
   * and decoding it would exhaust the heap shared with every other task.
   */
  static final long MAX_INPUT_PIXELS = 50_000_000L;

  @Override
  public String name() {
    return "Thumbnail";
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put("properties", new JsonObject()
            .put("maxSize", new JsonObject()
                .put("type", "integer")
                .put("minimum", 8)
                .put("maximum", 2048)
                .put("default", DEFAULT_MAX_SIZE)
                .put("description", "Longest side of the thumbnail in pixels; smaller images keep their size."))
            .put("grayscale", new JsonObject()
                .put("type", "boolean")
                .put("default", DEFAULT_GRAYSCALE)
                .put("description", "Convert the thumbnail to grayscale.")));
  }

  @Override
  public Set<String> requiredInputs() {
    return Set.of(INPUT);
  }

  /** Decoding the input dominates the cost and its size is not in the params, so a constant. */
  @Override
  public double estimateSeconds(JsonObject params, int quality) {
    return 0.05;
  }

  @Override
  protected TaskResult run(TaskContext context) throws Exception {
    Buffer input = context.input(INPUT)
        .orElseThrow(() -> TaskFailure.permanent(INPUT + " is required"));
    int maxSize = context.params().getInteger("maxSize", DEFAULT_MAX_SIZE);
    boolean grayscale = context.params().getBoolean("grayscale", DEFAULT_GRAYSCALE);

    // The task may have been cancelled while it waited for a worker thread.
    step(context, 0.05);
    BufferedImage source = ImageCodec.decode(input.getBytes(), MAX_INPUT_PIXELS);
    step(context, 0.4);
    BufferedImage thumbnail = Thumbnails.fit(source, maxSize, grayscale);
    step(context, 0.7);
    Buffer jpeg = ImageCodec.encodeJpeg(thumbnail, context.quality() / 100f);
    context.progress(1.0);
    return TaskResult.bytes(jpeg, "image/jpeg");
  }

  /** Ends the run if the task was cancelled, otherwise reports progress. */
  private static void step(TaskContext context, double progress) {
    if (context.isCancelled()) {
      throw new CancellationException("task " + context.taskId() + " was cancelled");
    }
    context.progress(progress);
  }
}
