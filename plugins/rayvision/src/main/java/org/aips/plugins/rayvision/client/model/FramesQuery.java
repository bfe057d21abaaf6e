package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** A page of one task's frames ({@code queryTaskFrames}); {@code searchKeyword} matches frame names. */
public record FramesQuery(long taskId, Integer pageNum, Integer pageSize, String searchKeyword) {

  public static FramesQuery page(long taskId, int pageNum, int pageSize) {
    return new FramesQuery(taskId, pageNum, pageSize, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("task_id", taskId);
    Decode.putIfPresent(json, "page_num", pageNum);
    Decode.putIfPresent(json, "page_size", pageSize);
    Decode.putIfPresent(json, "search_keyword", searchKeyword);
    return json;
  }
}
