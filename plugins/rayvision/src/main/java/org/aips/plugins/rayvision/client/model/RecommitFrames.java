package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * {@code recommitTaskFrames}: frames by id, or every frame of a task (optionally only those with
 * the given statuses).
 */
public record RecommitFrames(Long taskId, List<Long> frameIds, boolean selectAll, List<Integer> statuses) {

  public RecommitFrames {
    frameIds = frameIds == null ? null : List.copyOf(frameIds);
    statuses = statuses == null ? null : List.copyOf(statuses);
    if (taskId == null && (frameIds == null || frameIds.isEmpty())) {
      throw new IllegalArgumentException("taskId or frameIds is required");
    }
  }

  public static RecommitFrames byIds(List<Long> frameIds) {
    return new RecommitFrames(null, frameIds, false, null);
  }

  public static RecommitFrames allOf(long taskId, List<Integer> statuses) {
    return new RecommitFrames(taskId, null, true, statuses);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("select_all", selectAll ? 1 : 0);
    Decode.putIfPresent(json, "task_id", taskId);
    Decode.putIfPresent(json, "ids_list", frameIds);
    Decode.putIfPresent(json, "status", statuses);
    return json;
  }
}
