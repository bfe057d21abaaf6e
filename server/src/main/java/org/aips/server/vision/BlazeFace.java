package org.aips.server.vision;

import org.aips.server.inference.TensorData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes the full-range ("back") BlazeFace detector: 896 anchors (16-px grid with 2 per cell,
 * then 32-px grid with 6 per cell, centred at {@code stride * (i + 0.5)} of the 256-px input),
 * rows {@code [dx, dy, w, h, 6 keypoints (x, y)]} relative to the anchor, scores as logits; then
 * greedy non-maximum suppression.
 */
final class BlazeFace {

  static final int INPUT = 256;
  private static final double[][] ANCHORS = anchors();

  /** A face candidate in image pixels; keypoints: right eye, left eye, nose, mouth, right ear, left ear (the subject's sides). */
  record Detection(Box box, double score, double[][] keypoints) {
  }

  private BlazeFace() {
  }

  /** outputs: scores 512, scores 384, boxes 512, boxes 384 (item 0 of each). */
  static List<Detection> decode(List<TensorData> outputs, int width, int height, double minScore, double iou, int max) {
    float[] scores = concat(outputs.get(0).item(0), outputs.get(1).item(0));
    float[] rows = concat(outputs.get(2).item(0), outputs.get(3).item(0));
    double sx = (double) width / INPUT;
    double sy = (double) height / INPUT;
    List<Detection> candidates = new ArrayList<>();
    for (int i = 0; i < ANCHORS.length; i++) {
      double score = 1 / (1 + Math.exp(-scores[i]));
      if (score < minScore) {
        continue;
      }
      int r = i * 16;
      double cx = ANCHORS[i][0] + rows[r];
      double cy = ANCHORS[i][1] + rows[r + 1];
      double w = rows[r + 2];
      double h = rows[r + 3];
      Box box = new Box((cx - w / 2) * sx, (cy - h / 2) * sy, (cx + w / 2) * sx, (cy + h / 2) * sy);
      double[][] keypoints = new double[6][];
      for (int k = 0; k < 6; k++) {
        keypoints[k] = new double[] {(ANCHORS[i][0] + rows[r + 4 + 2 * k]) * sx, (ANCHORS[i][1] + rows[r + 5 + 2 * k]) * sy};
      }
      candidates.add(new Detection(box, score, keypoints));
    }
    return suppress(candidates, iou, max);
  }

  private static List<Detection> suppress(List<Detection> candidates, double iou, int max) {
    candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
    List<Detection> kept = new ArrayList<>();
    for (Detection candidate : candidates) {
      if (kept.size() >= max) {
        break;
      }
      if (kept.stream().noneMatch(k -> k.box().iou(candidate.box()) > iou)) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private static double[][] anchors() {
    List<double[]> anchors = new ArrayList<>();
    addGrid(anchors, 16, 2);
    addGrid(anchors, 32, 6);
    return anchors.toArray(new double[0][]);
  }

  private static void addGrid(List<double[]> anchors, int stride, int perCell) {
    int cells = INPUT / stride;
    for (int y = 0; y < cells; y++) {
      for (int x = 0; x < cells; x++) {
        for (int a = 0; a < perCell; a++) {
          anchors.add(new double[] {stride * (x + 0.5), stride * (y + 0.5)});
        }
      }
    }
  }

  private static float[] concat(float[] a, float[] b) {
    float[] all = new float[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
