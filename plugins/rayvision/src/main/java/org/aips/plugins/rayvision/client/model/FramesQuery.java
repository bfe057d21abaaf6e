package org.aips.plugins.rayvision.client.model;

/** A page of one task's frames ({@code queryTaskFrames}); {@code searchKeyword} matches frame names. */
public record FramesQuery(long taskId, int pageNum, int pageSize, String searchKeyword) {

  public FramesQuery {
    if (pageNum < 1 || pageSize < 1) {
      throw new IllegalArgumentException("pageNum and pageSize must be at least 1");
    }
  }

  public static FramesQuery page(long taskId, int pageNum, int pageSize) {
    return new FramesQuery(taskId, pageNum, pageSize, null);
  }
}
