package org.aips.server.bench;

import java.util.List;

/** Percentiles of measured values: the nearest rank, no interpolation. */
public final class Percentiles {

  private Percentiles() {
  }

  public static double of(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  public static double median(List<Double> values) {
    return of(values, 0.5);
  }
}
