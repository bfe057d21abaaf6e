package org.aips.spi.services;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The objects found in one image or frame of {@code width} × {@code height} pixels. */
public record Detections(int width, int height, List<Detection> objects) {

  static Detections fromJson(JsonObject json) {
    return new Detections(json.getInteger("width"), json.getInteger("height"),
        json.getJsonArray("objects").stream().map(o -> Detection.fromJson((JsonObject) o)).toList());
  }
}
