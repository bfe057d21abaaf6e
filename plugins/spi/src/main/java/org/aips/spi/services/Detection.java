package org.aips.spi.services;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * One object: its box, COCO class name, score (0..1), and category when the server maps the class
 * ({@code body}, {@code motor}, {@code no_motor} by default).
 */
public record Detection(Box box, String className, double score, Optional<String> category) {

  static Detection fromJson(JsonObject json) {
    return new Detection(Box.fromJson(json.getJsonObject("box")), json.getString("class"), json.getDouble("score"),
        Optional.ofNullable(json.getString("category")));
  }
}
