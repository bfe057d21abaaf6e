package org.aips.plugins.vcs.track;

/**
 * ByteTrack's thresholds, in sampled frames rather than video frames.
 *
 * @param highScore     detections at or above it are associated first and may start tracks
 * @param lowScore      detections below it are ignored; those in [low, high) only extend tracks (ByteTrack's second association)
 * @param newTrackScore a high detection matched to no track starts one only at or above this
 * @param matchIou      least IoU between a predicted track box and a high detection
 * @param lowMatchIou   least IoU for the second association with low detections (stricter: they are often clutter)
 * @param maxLostFrames a track unmatched for more sampled frames than this has ended (occlusions shorter than that keep the id)
 * @param minHits       a track is reported only once matched in at least this many sampled frames
 */
public record TrackerSettings(double highScore, double lowScore, double newTrackScore, double matchIou, double lowMatchIou,
                              int maxLostFrames, int minHits) {

  public TrackerSettings {
    if (!(lowScore <= highScore && highScore <= newTrackScore) || matchIou <= 0 || lowMatchIou <= 0 || maxLostFrames < 0 || minHits < 1) {
      throw new IllegalArgumentException("tracker settings out of range: " + this);
    }
  }

  /** ByteTrack's defaults; {@code maxLostFrames} and {@code minHits} depend on the sampling rate. */
  public static TrackerSettings defaults(int maxLostFrames, int minHits) {
    return new TrackerSettings(0.5, 0.1, 0.6, 0.2, 0.5, maxLostFrames, minHits);
  }
}
