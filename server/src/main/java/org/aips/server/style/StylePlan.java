package org.aips.server.style;

import java.util.List;

/**
 * What a task's {@code quality} buys: the result's longest side, the optimisation passes and the
 * JPEG quality. Documented in docs/style.md; change both together.
 */
record StylePlan(int longestSide, List<Pass> passes, int jpegQuality) {

  /** Longest side of the result by quality band 0–24, 25–49, 50–74, 75–100. */
  private static final int[] SIDES = {256, 384, 512, 768};
  private static final int[] JPEG_QUALITY = {80, 85, 90, 92};

  static StylePlan of(StyleMethod method, int quality) {
    int band = Math.min(3, Math.max(0, quality) / 25);
    List<Pass> passes = switch (method) {
      // Coarse to fine: the coarse passes settle the large strokes cheaply, the last one the detail.
      case DEEP_PAINT -> List.of(new Pass(0.25, 300, 6f), new Pass(0.5, 300, 4f), new Pass(1.0, 500, 2.5f));
      // The same objective on a short schedule: the style settles at half size, where an iteration
      // is cheap; a few full-size steps restore sharpness. Two passes, not three: at small sizes
      // each pass's fixed cost (graph, targets, first run) outweighs its iterations.
      case FAST_STYLE -> List.of(new Pass(0.5, 30, 8f), new Pass(1.0, 4, 2.5f));
    };
    return new StylePlan(SIDES[band], passes, JPEG_QUALITY[band]);
  }

  /** Relative cost of the plan, in full-size iterations (a pass at half size costs a quarter). */
  double fullSizeIterations() {
    return passes.stream().mapToDouble(pass -> pass.iterations() * pass.scale() * pass.scale()).sum();
  }
}
