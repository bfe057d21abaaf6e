package org.aips.spi.services;

import io.vertx.core.json.JsonObject;

/** A rectangle in pixels of the image as displayed, origin top left. */
public record Box(double x, double y, double width, double height) {

  static Box fromJson(JsonObject json) {
    return new Box(json.getDouble("x"), json.getDouble("y"), json.getDouble("width"), json.getDouble("height"));
  }
}
