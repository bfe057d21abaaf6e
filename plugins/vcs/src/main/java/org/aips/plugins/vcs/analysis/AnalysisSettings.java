package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.track.TrackerSettings;
import org.aips.plugins.vcs.video.FrameSampler;

/**
 * How a device's video is analysed ({@code plugins.config.vcs}, docs/vcs.md): the sampling rate,
 * how frames are batched and pipelined to the vision services, tracking, and checkpoints.
 */
public record AnalysisSettings(double framesPerSecond, int batchFrames, int batchesInFlight, double lostSeconds, int minHits,
                               double highScore, double newTrackScore, int checkpointEverySamples, int thumbnailMaxSide,
                               int analysesPerNode) {

  public AnalysisSettings {
    if (framesPerSecond <= 0 || framesPerSecond > 60 || batchFrames < 1 || batchesInFlight < 1 || lostSeconds < 0 || minHits < 1
        || checkpointEverySamples < 1 || thumbnailMaxSide < 16 || analysesPerNode < 1) {
      throw new IllegalArgumentException("vcs analysis settings out of range: " + this);
    }
  }

  public static AnalysisSettings from(JsonObject config) {
    return new AnalysisSettings(config.getDouble("framesPerSecond", 5.0), config.getInteger("batchFrames", 4),
        config.getInteger("batchesInFlight", 2), config.getDouble("lostSeconds", 2.0), config.getInteger("minHits", 3),
        config.getDouble("highScore", 0.4), config.getDouble("newTrackScore", 0.45),
        config.getInteger("checkpointEverySamples", 25), config.getInteger("thumbnailMaxSide", 192),
        // decoding and tracking take a core; the vision services do the rest, on their own threads
        config.getInteger("analysesPerNode", Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
  }

  /** Frames sampled from a video of this length and frame rate (every frame of one slower than the rate). */
  public long samples(long durationMs, double videoFrameRate) {
    double perSecond = videoFrameRate > 0 ? videoFrameRate / FrameSampler.step(videoFrameRate, framesPerSecond) : 1;
    return Math.max(1, (long) Math.ceil(durationMs / 1000.0 * perSecond));
  }

  /**
   * The tracker's thresholds at the sampling rate actually used (a video slower than the rate gives
   * every frame). The score thresholds are lower than ByteTrack's (0.5, 0.6, tuned for YOLOX): the
   * objects service's CenterNet scores a clearly visible car or person 0.4–0.7, and answers nothing
   * below {@code vision.objects.minScore} (0.3), which is then the low band's floor.
   */
  TrackerSettings tracker(double samplesPerSecond) {
    return new TrackerSettings(highScore, 0.1, newTrackScore, 0.2, 0.5, (int) Math.ceil(lostSeconds * samplesPerSecond), minHits);
  }
}
