package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.track.TrackerSettings;

/**
 * How a device's video is analysed ({@code plugins.config.vcs}, docs/vcs.md): the sampling rate,
 * how frames are batched and pipelined to the vision services, tracking, and checkpoints.
 */
public record AnalysisSettings(double framesPerSecond, int batchFrames, int batchesInFlight, double lostSeconds, int minHits,
                               int checkpointEverySamples, int thumbnailMaxSide) {

  public AnalysisSettings {
    if (framesPerSecond <= 0 || framesPerSecond > 60 || batchFrames < 1 || batchesInFlight < 1 || lostSeconds < 0 || minHits < 1
        || checkpointEverySamples < 1 || thumbnailMaxSide < 16) {
      throw new IllegalArgumentException("vcs analysis settings out of range: " + this);
    }
  }

  public static AnalysisSettings from(JsonObject config) {
    return new AnalysisSettings(config.getDouble("framesPerSecond", 5.0), config.getInteger("batchFrames", 4),
        config.getInteger("batchesInFlight", 2), config.getDouble("lostSeconds", 2.0), config.getInteger("minHits", 3),
        config.getInteger("checkpointEverySamples", 25), config.getInteger("thumbnailMaxSide", 192));
  }

  /** The tracker's thresholds at the sampling rate actually used (a video slower than the rate gives every frame). */
  TrackerSettings tracker(double samplesPerSecond) {
    return TrackerSettings.defaults((int) Math.ceil(lostSeconds * samplesPerSecond), minHits);
  }
}
