package org.aips.server.vision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.inference.InferenceClient;
import org.aips.server.inference.TensorData;

/**
 * Objects in images with CenterNet (512 px, whole image stretched): boxes, COCO class, score and
 * the VCS category. 
 */
final class ObjectService {

  static final int INPUT = 512;
  private static final int VALUES_PER_DETECTION = 6;

  private final InferenceClient inference;
  private final ObjectSettings settings;

  ObjectService(InferenceClient inference, ObjectSettings settings) {
    this.inference = inference;
    this.settings = settings;
  }

  /**
   * {@code pixels}: the frame resized by {@link #prepare}. Each frame is its own model request, so
   * the model's batcher groups frames of this and other requests as far as the model allows.
   */
  Future<JsonObject> detect(RgbImage frame, byte[] pixels, long deadline) {
    TensorData input = TensorData.ofBytes("image", new long[] {1, INPUT, INPUT, 3}, pixels);
    return inference.run(settings.model(), input, deadline).map(out -> toJson(frame, out.get(0).item(0)));
  }

  static byte[] prepare(RgbImage frame) {
    return Resampler.resize(frame, INPUT, INPUT);
  }

  private JsonObject toJson(RgbImage frame, float[] rows) {
    double sx = (double) frame.width() / INPUT;
    double sy = (double) frame.height() / INPUT;
    JsonArray objects = new JsonArray();
    for (int r = 0; r + VALUES_PER_DETECTION <= rows.length && objects.size() < settings.maxObjects(); r += VALUES_PER_DETECTION) {
      double score = rows[r + 4];
      if (score < settings.minScore()) {
        continue;
      }
      String className = CocoClasses.name(Math.round(rows[r + 5]));
      Box box = new Box(rows[r] * sx, rows[r + 1] * sy, rows[r + 2] * sx, rows[r + 3] * sy).clippedTo(frame.width(), frame.height());
      JsonObject object = new JsonObject().put("box", box.toJson()).put("class", className).put("score", Math.round(score * 1000) / 1000.0);
      settings.category(className).ifPresent(category -> object.put("category", category));
      objects.add(object);
    }
    return new JsonObject().put("width", frame.width()).put("height", frame.height()).put("objects", objects);
  }
}
