package org.aips.spi.services;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The faces found in one image of {@code width} × {@code height} pixels (as displayed). */
public record Faces(int width, int height, List<Face> faces) {

  static Faces fromJson(JsonObject json) {
    return new Faces(json.getInteger("width"), json.getInteger("height"),
        json.getJsonArray("faces").stream().map(face -> Face.fromJson((JsonObject) face)).toList());
  }
}
