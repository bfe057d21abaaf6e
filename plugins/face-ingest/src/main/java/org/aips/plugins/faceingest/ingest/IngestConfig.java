package org.aips.plugins.faceingest.ingest;

import io.vertx.core.json.JsonObject;

/**
 * One task's settings as the seed names them. Angles are the largest allowed absolute pose in
 * degrees, sizes the smallest face box in pixels, {@code blurDegree} the largest allowed
 * {@link BlurScale blur degree}; 0 means no limit for all of them.
 *
 * @param mode 0: log a bad row and go on; 1: stop the task at the first bad row
 */
public record IngestConfig(int posPitch, int posYaw, int posRol, int width, int height, int blurDegree, int threadNum, int mode) {

  public static final int DEFAULT_THREAD_NUM = 10;

  public JsonObject toJson() {
    return new JsonObject().put("pos_pitch", posPitch).put("pos_yaw", posYaw).put("pos_rol", posRol).put("width", width)
        .put("height", height).put("blur_degree", blurDegree).put("mode", mode).put("thread_num", threadNum);
  }

  public static IngestConfig fromJson(JsonObject json) {
    return new IngestConfig(json.getInteger("pos_pitch"), json.getInteger("pos_yaw"), json.getInteger("pos_rol"),
        json.getInteger("width"), json.getInteger("height"), json.getInteger("blur_degree"), json.getInteger("thread_num"),
        json.getInteger("mode"));
  }

  public boolean stopsOnError() {
    return mode == 1;
  }
}
