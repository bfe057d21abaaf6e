package org.aips.server.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in the Prometheus text format, read back as samples: enough to check that numbers moved. */
record PrometheusText(String text) {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The sum of the samples named {@code name} whose labels include {@code labels} (name, value, name, value...). */
  double sum(String name, String... labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> found = new HashMap<>();
      if (sample.group(3) != null) {
        Matcher label = LABEL.matcher(sample.group(3));
        while (label.find()) {
          found.put(label.group(1), label.group(2));
        }
      }
      boolean matches = true;
      for (int i = 0; i < labels.length; i += 2) {
        matches &= labels[i + 1].equals(found.get(labels[i]));
      }
      if (matches) {
        total += Double.parseDouble(sample.group(4));
      }
    }
    return total;
  }

  boolean has(String name) {
    return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
  }
}
