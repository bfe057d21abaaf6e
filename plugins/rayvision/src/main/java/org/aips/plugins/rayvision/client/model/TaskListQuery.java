package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Filters and page of {@code getTaskList}; null fields are not sent.
 *
 * @param startTime submit time lower bound, {@code yyyy-MM-dd HH:mm:ss}
 * @param endTime   submit time upper bound, {@code yyyy-MM-dd HH:mm:ss}
 */
public record TaskListQuery(Integer pageNum, Integer pageSize, List<Integer> statusList, String searchKeyword,
                            String startTime, String endTime) {

  public TaskListQuery {
    statusList = statusList == null ? null : List.copyOf(statusList);
    if (startTime != null && !startTime.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
      throw new IllegalArgumentException("startTime must look like 2024-01-31 23:59:00");
    }
    if (endTime != null && !endTime.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
      throw new IllegalArgumentException("endTime must look like 2024-01-31 23:59:00");
    }
  }

  public static TaskListQuery page(int pageNum, int pageSize) {
    return new TaskListQuery(pageNum, pageSize, null, null, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    Decode.putIfPresent(json, "page_num", pageNum);
    Decode.putIfPresent(json, "page_size", pageSize);
    Decode.putIfPresent(json, "status_list", statusList);
    Decode.putIfPresent(json, "search_keyword", searchKeyword);
    Decode.putIfPresent(json, "start_time", startTime);
    Decode.putIfPresent(json, "end_time", endTime);
    return json;
  }
}
