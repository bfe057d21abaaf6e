package org.aips.server.vision;

import io.vertx.core.json.JsonObject;

/** Configuration {@code vision.faces} (docs/configuration.md). */
record FaceSettings(String detector, String mesh, String descriptor, double minScore, double minMeshScore,
                    double iouThreshold, int maxFaces, double cropScale) {

  static FaceSettings fromConfig(JsonObject json) {
    return new FaceSettings(json.getString("detector"), json.getString("mesh"), json.getString("descriptor"),
        json.getDouble("minScore"), json.getDouble("minMeshScore"), json.getDouble("iouThreshold"),
        json.getInteger("maxFaces"), json.getDouble("cropScale"));
  }
}
