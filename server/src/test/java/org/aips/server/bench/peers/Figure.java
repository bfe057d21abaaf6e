package org.aips.server.bench.peers;

/**
 * One row of the peers table: what is measured, in which unit, whether more is better, and the
 * issue's goal for AIPS against the best peer (a ratio; 0: none).
 */
enum Figure {
  ONE_BY_ONE("enqueue one by one, 8 in flight", "jobs/s", true, 5),
  BULK("enqueue through the bulk API", "jobs/s", true, 0),
  DRAIN("drain the bulk backlog", "jobs/s", true, 3),
  FLOW("end to end, worker running", "jobs/s", true, 3),
  IDLE_MEDIAN("idle enqueue → handler start, median", "ms", false, 0.5),
  IDLE_P90("idle enqueue → handler start, p90", "ms", false, 0);

  final String label;
  final String unit;
  final boolean higherIsBetter;
  final double goal;

  Figure(String label, String unit, boolean higherIsBetter, double goal) {
    this.label = label;
    this.unit = unit;
    this.higherIsBetter = higherIsBetter;
    this.goal = goal;
  }

  /** The best of the peers' values: the highest rate, or the lowest latency. */
  double best(double a, double b) {
    return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
  }

  /** "≥ 5×" or "≤ 0.5×"; empty when the issue sets no goal. */
  String goalText() {
    if (goal == 0) {
      return "";
    }
    return (higherIsBetter ? "≥ " : "≤ ") + Table.number(goal) + "×";
  }

  boolean met(double ratio) {
    return higherIsBetter ? ratio >= goal : ratio <= goal;
  }
}
