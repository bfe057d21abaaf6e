package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** Frame counts over all of the account's tasks ({@code queryAllFrameStats}). */
public record FrameStats(long executing, long done, long failed, long waiting, long total) {

  public static FrameStats fromJson(JsonObject j) {
    return new FrameStats(count(j, "executingFramesTotal"), count(j, "doneFramesTotal"), count(j, "failedFramesTotal"),
        count(j, "waitingFramesTotal"), count(j, "totalFrames"));
  }

  private static long count(JsonObject j, String key) {
    Long value = Decode.longValue(j, key);
    return value == null ? 0 : value;
  }
}
