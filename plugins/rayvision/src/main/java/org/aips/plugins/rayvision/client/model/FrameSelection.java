package org.aips.plugins.rayvision.client.model;

import java.util.List;

/**
 * Frames of one task for {@code recommitTaskFrames} and {@code stopTaskFrames}: every frame
 * (optionally only those in the given frame statuses), or the frames with the given ids.
 */
public record FrameSelection(long taskId, List<Long> frameIds, List<Integer> statuses) {

  public FrameSelection {
    frameIds = frameIds == null ? null : List.copyOf(frameIds);
    statuses = statuses == null ? null : List.copyOf(statuses);
    if (frameIds != null && frameIds.isEmpty()) {
      throw new IllegalArgumentException("frameIds must name at least one frame (use all() for every frame)");
    }
  }

  public static FrameSelection all(long taskId, List<Integer> statuses) {
    return new FrameSelection(taskId, null, statuses);
  }

  public static FrameSelection byIds(long taskId, List<Long> frameIds) {
    if (frameIds == null) {
      throw new IllegalArgumentException("frameIds is required");
    }
    return new FrameSelection(taskId, frameIds, null);
  }

  public boolean selectsAll() {
    return frameIds == null;
  }
}
