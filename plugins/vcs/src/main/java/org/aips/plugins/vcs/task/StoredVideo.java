package org.aips.plugins.vcs.task;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.video.VideoInfo;

/** A registered video: its handle, the blob holding it, and what probing found. */
public record StoredVideo(String videoId, String blobKey, long size, VideoInfo info) {

  public JsonObject toJson() {
    return info.toJson().put("videoId", videoId).put("size", size);
  }
}
