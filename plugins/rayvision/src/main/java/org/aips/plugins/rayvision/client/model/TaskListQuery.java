package org.aips.plugins.rayvision.client.model;

import java.util.List;

/**
 * Filters and page of {@code getTaskList}; null filters are not sent.
 *
 * @param startTime   submit time lower bound, {@code yyyy-MM-dd HH:mm:ss}
 * @param endTime     submit time upper bound, {@code yyyy-MM-dd HH:mm:ss}
 * @param recycleFlag 1 lists deleted tasks (the farm then ignores the other filters)
 */
public record TaskListQuery(int pageNum, int pageSize, List<Integer> statusList, String searchKeyword,
                            String startTime, String endTime, Integer recycleFlag) {

  private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

  public TaskListQuery {
    statusList = statusList == null ? null : List.copyOf(statusList);
    if (pageNum < 1 || pageSize < 1) {
      throw new IllegalArgumentException("pageNum and pageSize must be at least 1");
    }
    if (startTime != null && !startTime.matches(TIME)) {
      throw new IllegalArgumentException("startTime must look like 2024-01-31 23:59:00");
    }
    if (endTime != null && !endTime.matches(TIME)) {
      throw new IllegalArgumentException("endTime must look like 2024-01-31 23:59:00");
    }
    if (recycleFlag != null && recycleFlag != 0 && recycleFlag != 1) {
      throw new IllegalArgumentException("recycleFlag must be 0 or 1");
    }
  }

  public TaskListQuery(int pageNum, int pageSize, List<Integer> statusList, String searchKeyword, String startTime, String endTime) {
    this(pageNum, pageSize, statusList, searchKeyword, startTime, endTime, null);
  }

  public static TaskListQuery page(int pageNum, int pageSize) {
    return new TaskListQuery(pageNum, pageSize, null, null, null, null, null);
  }
}
