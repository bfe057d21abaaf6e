package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Parameters of {@code createTask}; null means "not sent" (the farm's default).
 *
 * @param taskUserLevel 50 (normal) or 60 (high)
 */
public record CreateTaskRequest(Integer count, Long outUserId, Integer taskUserLevel, List<String> labels,
                                Long cloneOriginalId, String artist) {

  public CreateTaskRequest {
    labels = labels == null ? null : List.copyOf(labels);
    if (count != null && count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (taskUserLevel != null && taskUserLevel != 50 && taskUserLevel != 60) {
      throw new IllegalArgumentException("taskUserLevel must be 50 or 60");
    }
  }

  public static CreateTaskRequest one() {
    return new CreateTaskRequest(1, null, null, null, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    Decode.putIfPresent(json, "count", count);
    Decode.putIfPresent(json, "out_user_id", outUserId);
    Decode.putIfPresent(json, "task_user_level", taskUserLevel);
    Decode.putIfPresent(json, "labels", labels);
    Decode.putIfPresent(json, "clone_original_id", cloneOriginalId);
    Decode.putIfPresent(json, "artist", artist);
    return json;
  }
}
