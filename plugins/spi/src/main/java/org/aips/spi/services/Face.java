package org.aips.spi.services;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One face (docs/inference.md, {@code aips.vision.faces}): bounds, confidences, landmarks (the
 * subject's right and left), pose in degrees, sharpness, and, when asked, a unit-length 1024-value
 * descriptor (similarity = dot product) and the 468 mesh points.
 *
 * @param landmarks  rightEye, leftEye, noseTip, mouth, chin → [x, y]
 * @param descriptor empty unless requested
 * @param mesh       empty unless requested; each point [x, y, z]
 */
public record Face(Box box, double score, double meshScore, int width, int height, Map<String, double[]> landmarks,
                   Pose pose, double blur, float[] descriptor, List<double[]> mesh) {

  /** Degrees: yaw positive toward the image's right, pitch positive looking up, roll positive leaning clockwise. */
  public record Pose(double yaw, double pitch, double roll) {
  }

  /** Cosine similarity of two descriptors (both unit length): 1 is the same face. */
  public double similarity(Face other) {
    if (descriptor.length == 0 || descriptor.length != other.descriptor.length) {
      throw new IllegalArgumentException("both faces need descriptors (ask for them with FaceOptions.descriptor)");
    }
    double dot = 0;
    for (int i = 0; i < descriptor.length; i++) {
      dot += descriptor[i] * other.descriptor[i];
    }
    return dot;
  }

  static Face fromJson(JsonObject json) {
    Map<String, double[]> landmarks = new TreeMap<>();
    json.getJsonObject("landmarks", new JsonObject()).forEach(point -> landmarks.put(point.getKey(), doubles((JsonArray) point.getValue())));
    JsonObject pose = json.getJsonObject("pose");
    JsonArray descriptorJson = json.getJsonArray("descriptor", new JsonArray());
    float[] descriptor = new float[descriptorJson.size()];
    for (int i = 0; i < descriptor.length; i++) {
      descriptor[i] = descriptorJson.getNumber(i).floatValue();
    }
    List<double[]> mesh = new ArrayList<>();
    json.getJsonArray("mesh", new JsonArray()).forEach(point -> mesh.add(doubles((JsonArray) point)));
    return new Face(Box.fromJson(json.getJsonObject("box")), json.getDouble("score"), json.getDouble("meshScore", 0.0),
        json.getInteger("width"), json.getInteger("height"), landmarks,
        new Pose(pose.getDouble("yaw"), pose.getDouble("pitch"), pose.getDouble("roll")), json.getDouble("blur"), descriptor, mesh);
  }

  private static double[] doubles(JsonArray array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getNumber(i).doubleValue();
    }
    return values;
  }
}
