package org.aips.plugins.vcs.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CLEAR-MOT accuracy (MOTA) and identity F1 (IDF1) of tracker output against ground truth, with
 * a match at IoU ≥ 0.5. The identity assignment is greedy, which never beats the optimal one, so
 * IDF1 here is a lower bound.
 */
final class MotMetrics {

  private static final double MATCH_IOU = 0.5;

  record Result(int truths, int predictions, int misses, int falsePositives, int idSwitches, long idTruePositives, int predictedIds) {

    double mota() {
      return 1.0 - (double) (misses + falsePositives + idSwitches) / truths;
    }

    double idf1() {
      return 2.0 * idTruePositives / (truths + predictions);
    }

    /** The metrics over several sequences together, as MOT benchmarks report a data set. */
    static Result pooled(List<Result> results) {
      return new Result(results.stream().mapToInt(Result::truths).sum(), results.stream().mapToInt(Result::predictions).sum(),
          results.stream().mapToInt(Result::misses).sum(), results.stream().mapToInt(Result::falsePositives).sum(),
          results.stream().mapToInt(Result::idSwitches).sum(), results.stream().mapToLong(Result::idTruePositives).sum(),
          results.stream().mapToInt(Result::predictedIds).sum());
    }

    @Override
    public String toString() {
      return String.format("MOTA %.4f, IDF1 %.4f (%d truths, %d misses, %d false positives, %d id switches, %d ids)",
          mota(), idf1(), truths, misses, falsePositives, idSwitches, predictedIds);
    }
  }

  private MotMetrics() {
  }

  /** {@code predicted}: per frame, track id → box. */
  static Result evaluate(List<List<SyntheticScene.Truth>> truth, List<Map<Long, Rect>> predicted) {
    int truths = 0;
    int misses = 0;
    int falsePositives = 0;
    int switches = 0;
    int predictions = 0;
    Map<Integer, Long> lastMatch = new HashMap<>();
    Map<String, Integer> overlap = new HashMap<>();
    Set<Long> ids = new HashSet<>();
    for (int f = 0; f < truth.size(); f++) {
      List<SyntheticScene.Truth> gts = truth.get(f);
      Map<Long, Rect> preds = f < predicted.size() ? predicted.get(f) : Map.of();
      truths += gts.size();
      predictions += preds.size();
      ids.addAll(preds.keySet());
      List<Long> predIds = new ArrayList<>(preds.keySet());
      List<Rect> predBoxes = predIds.stream().map(preds::get).toList();
      for (SyntheticScene.Truth gt : gts) {
        for (int p = 0; p < predIds.size(); p++) {
          if (gt.box().iou(predBoxes.get(p)) >= MATCH_IOU) {
            overlap.merge(gt.id() + "/" + predIds.get(p), 1, Integer::sum);
          }
        }
      }
      List<Matching.Pair> pairs = Matching.greedy(gts.stream().map(SyntheticScene.Truth::box).toList(), predBoxes, MATCH_IOU);
      misses += gts.size() - pairs.size();
      falsePositives += preds.size() - pairs.size();
      for (Matching.Pair pair : pairs) {
        int gt = gts.get(pair.track()).id();
        long id = predIds.get(pair.detection());
        Long before = lastMatch.put(gt, id);
        if (before != null && before != id) {
          switches++;
        }
      }
    }
    return new Result(truths, predictions, misses, falsePositives, switches, idTruePositives(overlap), ids.size());
  }

  private static long idTruePositives(Map<String, Integer> overlap) {
    List<Map.Entry<String, Integer>> pairs = new ArrayList<>(overlap.entrySet());
    pairs.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    Set<String> gtUsed = new HashSet<>();
    Set<String> predUsed = new HashSet<>();
    long truePositives = 0;
    for (Map.Entry<String, Integer> pair : pairs) {
      String[] ids = pair.getKey().split("/");
      if (gtUsed.add(ids[0])) {
        if (predUsed.add(ids[1])) {
          truePositives += pair.getValue();
        } else {
          gtUsed.remove(ids[0]);
        }
      }
    }
    return truePositives;
  }

  /**
   * Per frame, the boxes of the reported tracks: where a track was matched, and linearly
   * interpolated across the frames it missed in between (an event covers its track's whole span,
   * so a gap inside a track is not a gap in what is reported).
   */
  static List<Map<Long, Rect>> trajectories(Map<Long, TreeMap<Integer, Rect>> reported, int frames) {
    List<Map<Long, Rect>> perFrame = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      perFrame.add(new HashMap<>());
    }
    reported.forEach((id, boxes) -> {
      Integer previous = null;
      for (Map.Entry<Integer, Rect> at : boxes.entrySet()) {
        perFrame.get(at.getKey()).put(id, at.getValue());
        if (previous != null) {
          Rect a = boxes.get(previous);
          Rect b = at.getValue();
          int gap = at.getKey() - previous;
          for (int f = previous + 1; f < at.getKey(); f++) {
            double t = (double) (f - previous) / gap;
            perFrame.get(f).put(id, new Rect(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t,
                a.width() + (b.width() - a.width()) * t, a.height() + (b.height() - a.height()) * t));
          }
        }
        previous = at.getKey();
      }
    });
    return perFrame;
  }
}
