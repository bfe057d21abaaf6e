package org.aips.plugins.vcs.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy one-to-one association of tracks and detections, best pairs first. A pair needs an IoU
 * of at least the threshold; pairs are ranked by IoU times the square of the height ratio, since
 * an object's size changes little between sampled frames while two people crossing at different
 * depths differ in size, which IoU alone does not see when their boxes overlap. Ties are
 * broken by track order then detection order, so the same input always gives the same pairs
 * (the tracker must be deterministic for a resumed run to repeat an interrupted one exactly).
 */
final class Matching {

  record Pair(int track, int detection, double affinity) {
  }

  private Matching() {
  }

  static List<Pair> greedy(List<Rect> tracks, List<Rect> detections, double minIou) {
    List<Pair> candidates = new ArrayList<>();
    for (int t = 0; t < tracks.size(); t++) {
      for (int d = 0; d < detections.size(); d++) {
        Rect track = tracks.get(t);
        Rect detection = detections.get(d);
        double iou = track.iou(detection);
        if (iou >= minIou) {
          double sizeRatio = Math.min(track.height(), detection.height()) / Math.max(track.height(), detection.height());
          candidates.add(new Pair(t, d, iou * sizeRatio * sizeRatio));
        }
      }
    }
    candidates.sort(Comparator.comparingDouble(Pair::affinity).reversed().thenComparingInt(Pair::track).thenComparingInt(Pair::detection));
    boolean[] trackUsed = new boolean[tracks.size()];
    boolean[] detectionUsed = new boolean[detections.size()];
    List<Pair> pairs = new ArrayList<>();
    for (Pair pair : candidates) {
      if (!trackUsed[pair.track()] && !detectionUsed[pair.detection()]) {
        trackUsed[pair.track()] = true;
        detectionUsed[pair.detection()] = true;
        pairs.add(pair);
      }
    }
    return pairs;
  }
}
