package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.task.FaceIdentification;

import java.util.LinkedHashSet;
import java.util.Set;

/** The params of one device's analysis task: whose video it is, when it began, what to find, whom to identify faces among (or null). */
record DeviceJob(String computeTaskId, String deviceId, long videoBeginTime, Set<String> models, double videoFrameRate, long durationMs,
                 FaceIdentification faceIdentification) {

  static DeviceJob from(JsonObject params) {
    Set<String> models = new LinkedHashSet<>();
    params.getJsonArray("models", new JsonArray()).forEach(m -> models.add((String) m));
    return new DeviceJob(params.getString("computeTaskId"), params.getString("deviceId"), params.getLong("videoBeginTime", 0L), models,
        params.getDouble("videoFrameRate", 0.0), params.getLong("durationMs", 0L),
        params.getString("faceGroup") == null ? null : new FaceIdentification(params.getString("faceGroup"), params.getDouble("faceThreshold")));
  }
}
