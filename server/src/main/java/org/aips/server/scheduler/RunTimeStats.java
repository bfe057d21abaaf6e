package org.aips.server.scheduler;

import java.util.HashMap;
import java.util.Map;

/** Run times measured since the last flush, per task type: {runs, mean seconds}. */
final class RunTimeStats {

  private final Map<String, double[]> pending = new HashMap<>();

  void record(String type, double seconds) {
    double[] value = pending.computeIfAbsent(type, t -> new double[2]);
    value[0]++;
    value[1] += (seconds - value[1]) / value[0];
  }

  /** Returns and forgets what was recorded. */
  Map<String, double[]> drain() {
    Map<String, double[]> copy = new HashMap<>(pending);
    pending.clear();
    return copy;
  }
}
