package org.aips.plugins.vcs.task;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.plugins.vcs.video.VideoInfo;
import org.aips.spi.BlobRef;

import java.util.Optional;

/** The video table. */
public final class VideoStore {

  private final Pool pool;

  public VideoStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(String videoId, BlobRef blob, VideoInfo info) {
    return pool.preparedQuery("INSERT INTO video (video_id, blob_key, size, sha256, duration_ms, codec, width, height, frame_rate) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .execute(Tuple.from(new Object[] {videoId, blob.key(), blob.size(), blob.sha256(), info.durationMs(), info.codec(), info.width(),
            info.height(), info.frameRate()})).mapEmpty();
  }

  public Future<Optional<StoredVideo>> find(String videoId) {
    return pool.preparedQuery("SELECT * FROM video WHERE video_id = $1").execute(Tuple.of(videoId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(video(rows.iterator().next())));
  }

  private static StoredVideo video(Row row) {
    return new StoredVideo(row.getString("video_id"), row.getString("blob_key"), row.getLong("size"),
        new VideoInfo(row.getLong("duration_ms"), row.getString("codec"), row.getInteger("width"), row.getInteger("height"),
            row.getDouble("frame_rate")));
  }
}
