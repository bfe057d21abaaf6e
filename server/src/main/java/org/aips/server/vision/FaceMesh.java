package org.aips.server.vision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The 468 face-mesh points of one face in image pixels (z: depth in the same unit, larger is
 * farther from the camera) and what is derived from them: a tight box, named landmarks and the
 * head pose. Point numbers are those of the MediaPipe face mesh.
 */
final class FaceMesh {

  static final int INPUT = 192;
  private static final int RIGHT_EYE_OUTER = 33;
  private static final int RIGHT_EYE_INNER = 133;
  private static final int LEFT_EYE_OUTER = 263;
  private static final int LEFT_EYE_INNER = 362;
  private static final int NOSE_TIP = 1;
  private static final int UPPER_LIP = 13;
  private static final int LOWER_LIP = 14;
  private static final int FOREHEAD = 10;
  private static final int CHIN = 152;

  private final double[][] points;

  private FaceMesh(double[][] points) {
    this.points = points;
  }

  /** {@code raw}: 468 x (x, y, z) in the pixels of the 192-px crop taken from {@code crop}. */
  static FaceMesh fromCrop(float[] raw, FaceCrop crop) {
    double scale = crop.side() / INPUT;
    double[][] points = new double[raw.length / 3][];
    for (int i = 0; i < points.length; i++) {
      double[] xy = crop.toImage(raw[3 * i], raw[3 * i + 1], INPUT);
      points[i] = new double[] {xy[0], xy[1], raw[3 * i + 2] * scale};
    }
    return new FaceMesh(points);
  }

  /** The eye line's angle in radians (0: level). */
  double eyeAngle() {
    return FaceCrop.eyeAngle(points[RIGHT_EYE_OUTER], points[LEFT_EYE_OUTER]);
  }

  Box bounds() {
    double left = Double.MAX_VALUE;
    double top = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (double[] p : points) {
      left = Math.min(left, p[0]);
      top = Math.min(top, p[1]);
      right = Math.max(right, p[0]);
      bottom = Math.max(bottom, p[1]);
    }
    return new Box(left, top, right, bottom);
  }

  /** "right" and "left" are the subject's: on a frontal, unmirrored photo the right eye is on the image's left. */
  JsonObject landmarks() {
    return new JsonObject()
        .put("rightEye", xy(mid(RIGHT_EYE_OUTER, RIGHT_EYE_INNER)))
        .put("leftEye", xy(mid(LEFT_EYE_OUTER, LEFT_EYE_INNER)))
        .put("noseTip", xy(points[NOSE_TIP]))
        .put("mouth", xy(mid(UPPER_LIP, LOWER_LIP)))
        .put("chin", xy(points[CHIN]));
  }

  /**
   * Degrees. roll: the eye line's angle in the image, positive when the subject's left eye (image
   * right) is lower, i.e. the head leans clockwise as seen. yaw: positive when the face turns
   * toward the image's right (the subject's left eye is farther). pitch: positive when the face
   * looks up (the forehead is farther than the chin). Mirroring negates roll and yaw, keeps pitch.
   */
  JsonObject pose() {
    double[] right = points[RIGHT_EYE_OUTER];
    double[] left = points[LEFT_EYE_OUTER];
    double dx = left[0] - right[0];
    double dy = left[1] - right[1];
    double dz = left[2] - right[2];
    double roll = Math.toDegrees(Math.atan2(dy, dx));
    double yaw = Math.toDegrees(Math.atan2(dz, Math.hypot(dx, dy)));
    double[] top = points[FOREHEAD];
    double[] chin = points[CHIN];
    double vx = chin[0] - top[0];
    double vy = chin[1] - top[1];
    double pitch = Math.toDegrees(Math.atan2(top[2] - chin[2], Math.hypot(vx, vy)));
    return new JsonObject().put("yaw", Box.round(yaw)).put("pitch", Box.round(pitch)).put("roll", Box.round(roll));
  }

  JsonArray points() {
    JsonArray all = new JsonArray();
    for (double[] p : points) {
      all.add(new JsonArray().add(Box.round(p[0])).add(Box.round(p[1])).add(Box.round(p[2])));
    }
    return all;
  }

  private double[] mid(int a, int b) {
    return new double[] {(points[a][0] + points[b][0]) / 2, (points[a][1] + points[b][1]) / 2};
  }

  private static JsonArray xy(double[] p) {
    return new JsonArray().add(Box.round(p[0])).add(Box.round(p[1]));
  }
}
