package org.aips.plugins.rayvision.client.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which frames a list of expressions such as {@code "6"} or {@code "7-9[1]"} names. The SDK
 * compares a frame's {@code frameIndex} with the expressions as strings; that is kept, and a
 * numeric index also matches an expression's range, which is what a user writing "7-9[1]" means.
 */
final class FrameIndexMatcher {

  private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*(?:-\\s*(-?\\d+)\\s*(?:\\[\\s*(\\d+)\\s*])?)?\\s*");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+");

  private final Set<String> literal = new HashSet<>();
  private final List<long[]> ranges = new java.util.ArrayList<>(); // start, end, step

  FrameIndexMatcher(List<String> expressions) {
    if (expressions == null || expressions.isEmpty()) {
      throw new IllegalArgumentException("at least one frame expression is required");
    }
    for (String expression : expressions) {
      Matcher m = RANGE.matcher(expression == null ? "" : expression);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a frame expression: \"" + expression + "\" (use \"6\" or \"7-9[1]\")");
      }
      literal.add(expression.trim());
      long start = Long.parseLong(m.group(1));
      long end = m.group(2) == null ? start : Long.parseLong(m.group(2));
      long step = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
      if (end < start || step < 1) {
        throw new IllegalArgumentException("empty frame range: \"" + expression + "\"");
      }
      ranges.add(new long[] {start, end, step});
    }
  }

  boolean matches(String frameIndex) {
    if (frameIndex == null) {
      return false;
    }
    if (literal.contains(frameIndex.trim())) {
      return true;
    }
    if (!NUMBER.matcher(frameIndex.trim()).matches()) {
      return false;
    }
    long n = Long.parseLong(frameIndex.trim());
    return ranges.stream().anyMatch(r -> n >= r[0] && n <= r[1] && (n - r[0]) % r[2] == 0);
  }
}
