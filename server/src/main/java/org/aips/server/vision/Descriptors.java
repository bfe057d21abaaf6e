package org.aips.server.vision;

import io.vertx.core.json.JsonArray;

/** Face descriptors are unit vectors: the similarity of two faces is their dot product (cosine), 1 for identical. */
public final class Descriptors {

  private Descriptors() {
  }

  static float[] normalized(float[] raw) {
    double norm = 0;
    for (float v : raw) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    float[] unit = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      unit[i] = (float) (norm == 0 ? 0 : raw[i] / norm);
    }
    return unit;
  }

  public static double similarity(JsonArray a, JsonArray b) {
    double dot = 0;
    for (int i = 0; i < a.size(); i++) {
      dot += a.getDouble(i) * b.getDouble(i);
    }
    return dot;
  }

  static JsonArray toJson(float[] descriptor) {
    JsonArray json = new JsonArray();
    for (float v : descriptor) {
      json.add(Math.round(v * 1e5) / 1e5);
    }
    return json;
  }
}
