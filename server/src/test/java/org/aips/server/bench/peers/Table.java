package org.aips.server.bench.peers;

import org.aips.server.bench.Percentiles;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The measured values per system and figure, and the table of their medians with AIPS's ratio to the best peer. */
final class Table {

  private final List<String> systems;
  private final Map<Figure, Map<String, List<Double>>> values = new EnumMap<>(Figure.class);

  /** {@code systems}: AIPS first, then the peers, in the order of the columns. */
  Table(List<String> systems) {
    this.systems = List.copyOf(systems);
    for (Figure figure : Figure.values()) {
      Map<String, List<Double>> bySystem = new LinkedHashMap<>();
      systems.forEach(system -> bySystem.put(system, new ArrayList<>()));
      values.put(figure, bySystem);
    }
  }

  void add(Figure figure, String system, double value) {
    values.get(figure).get(system).add(value);
  }

  void addAll(Figure figure, String system, List<Double> samples) {
    values.get(figure).get(system).addAll(samples);
  }

  /** Rates: the median of the rounds. Latencies: the median (or p90) of all samples of all rounds. */
  double value(Figure figure, String system) {
    List<Double> measured = values.get(figure).get(system);
    return measured.isEmpty() ? Double.NaN : Percentiles.of(measured, figure == Figure.IDLE_P90 ? 0.9 : 0.5);
  }

  double ratioToBestPeer(Figure figure) {
    double best = Double.NaN;
    for (String peer : systems.subList(1, systems.size())) {
      double value = value(figure, peer);
      best = Double.isNaN(best) ? value : Double.isNaN(value) ? best : figure.best(best, value);
    }
    return value(figure, systems.get(0)) / best;
  }

  /** A Markdown table; also readable as plain text. */
  String markdown() {
    StringBuilder out = new StringBuilder("| Figure | Unit |");
    systems.forEach(system -> out.append(' ').append(system).append(" |"));
    out.append(" ").append(systems.get(0)).append(" / best peer | Goal | Met |\n|---|---|");
    systems.forEach(system -> out.append("---:|"));
    out.append("---:|---|---|\n");
    for (Figure figure : Figure.values()) {
      out.append("| ").append(figure.label).append(" | ").append(figure.unit).append(" |");
      systems.forEach(system -> out.append(' ').append(number(value(figure, system))).append(" |"));
      double ratio = ratioToBestPeer(figure);
      String met = figure.goal == 0 ? "" : figure.met(ratio) ? "yes" : "**no**";
      out.append(' ').append(number(ratio)).append("× | ").append(figure.goalText()).append(" | ").append(met).append(" |\n");
    }
    return out.toString();
  }

  /** Three significant digits at most, with thousands separators: 31,400 · 412 · 3.52 · 0.81. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
