package org.aips.plugins.rayvision.client.model;

import java.util.List;

/**
 * Parameters of {@code createTask}; a null optional is not sent. {@code count} and
 * {@code taskUserLevel} are always sent (1 and 50 when null), as the SDK does.
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
}
