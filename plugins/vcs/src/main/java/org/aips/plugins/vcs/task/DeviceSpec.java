package org.aips.plugins.vcs.task;

import io.vertx.core.json.JsonObject;

/** One device (a virtual camera) of a task: its video and when the video began (epoch ms). */
public record DeviceSpec(String deviceId, String videoId, int videoTimeLength, long videoBeginTime) {

  public JsonObject toJson() {
    return new JsonObject().put("deviceId", deviceId).put("videoId", videoId).put("videoTimeLength", videoTimeLength)
        .put("videoBeginTime", videoBeginTime);
  }
}
