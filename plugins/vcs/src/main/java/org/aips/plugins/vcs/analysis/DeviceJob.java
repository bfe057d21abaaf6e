package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.Set;

/** The params of one device's analysis task: whose video it is, when it began, what to find. */
record DeviceJob(String computeTaskId, String deviceId, long videoBeginTime, Set<String> models, double videoFrameRate, long durationMs) {

  static DeviceJob from(JsonObject params) {
    Set<String> models = new LinkedHashSet<>();
    params.getJsonArray("models", new JsonArray()).forEach(m -> models.add((String) m));
    return new DeviceJob(params.getString("computeTaskId"), params.getString("deviceId"), params.getLong("videoBeginTime", 0L), models,
        params.getDouble("videoFrameRate", 0.0), params.getLong("durationMs", 0L));
  }

  JsonObject toJson() {
    return new JsonObject().put("computeTaskId", computeTaskId).put("deviceId", deviceId).put("videoBeginTime", videoBeginTime)
        .put("models", new JsonArray(models.stream().toList())).put("videoFrameRate", videoFrameRate).put("durationMs", durationMs);
  }
}
