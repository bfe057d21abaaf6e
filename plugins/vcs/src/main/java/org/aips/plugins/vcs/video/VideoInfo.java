package org.aips.plugins.vcs.video;

import io.vertx.core.json.JsonObject;

/** What probing a video found: its length, codec, frame size and rate. */
public record VideoInfo(long durationMs, String codec, int width, int height, double frameRate) {

  public JsonObject toJson() {
    return new JsonObject().put("durationMs", durationMs).put("codec", codec).put("width", width).put("height", height)
        .put("frameRate", frameRate);
  }

  public static VideoInfo fromJson(JsonObject json) {
    return new VideoInfo(json.getLong("durationMs"), json.getString("codec"), json.getInteger("width"), json.getInteger("height"),
        json.getDouble("frameRate"));
  }
}
