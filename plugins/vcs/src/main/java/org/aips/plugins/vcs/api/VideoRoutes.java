package org.aips.plugins.vcs.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.vcs.task.VcsError;
import org.aips.plugins.vcs.task.VideoStore;
import org.aips.plugins.vcs.video.VideoProbe;
import org.aips.spi.BlobRef;
import org.aips.spi.PluginHost;

import java.security.SecureRandom;

/**
 * Videos: an upload streamed to the blob store (never whole in memory), probed on a worker thread
 * (container, codec, size, and whether the data reaches the declared length), and answered with
 * the {@code videoId} a task's devices name. A file that is no video or is cut short is refused and
 * not kept.
 */
final class VideoRoutes {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PluginHost host;
  private final VideoStore videos;
  private final VideoProbe probe;
  private final long uploadLimit;
  private final VideoFetch fetch;

  VideoRoutes(PluginHost host, VideoStore videos) {
    this.host = host;
    this.videos = videos;
    this.probe = new VideoProbe(host.config().getLong("maxFramePixels", 4096L * 2160));
    this.uploadLimit = host.config().getLong("maxUploadBytes", host.blobs().uploadLimit());
    this.fetch = new VideoFetch(host);
  }

  /** The body arrives paused (application/octet-stream); receive must be the handler's first asynchronous step. */
  void upload(RoutingContext rc) {
    Envelope.answer(rc, host.blobs().receive(rc.request(), uploadLimit).compose(this::probeAndKeep));
  }

  /** {@code {uri}}: the video fetched from there (VideoFetch's rules), then as an upload. */
  void register(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Envelope.answer(rc, fetch.fetch(body == null ? null : body.getString("uri"), uploadLimit).compose(this::probeAndKeep));
  }

  /** A stored file that is a whole video gets a videoId; any other is refused and not kept. */
  private Future<JsonObject> probeAndKeep(BlobRef blob) {
    return host.vertx().executeBlocking(() -> probe.probe(host.blobs().path(blob)), false)
        .compose(info -> {
          String videoId = newId();
          return videos.insert(videoId, blob, info).map(done -> info.toJson().put("videoId", videoId).put("size", blob.size()));
        })
        .recover(e -> host.blobs().release(blob).transform(released -> Future.failedFuture(e)));
  }

  void get(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    String id = body == null ? null : body.getString("videoId");
    Envelope.answer(rc, videos.find(id == null ? "" : id).map(found -> found
        .orElseThrow(() -> VcsError.VIDEO_NOT_FOUND.exception("no video " + id)).toJson()));
  }

  /** 16 characters like the seed's example handle ("lzfg54fg871fghwa"). */
  private static String newId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
