package org.aips.rayvision.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Frame expressions as render farms write them: {@code "6"}, {@code "1-10"}, {@code "7-9[1]"} (start-end[step]). */
final class FrameExpression {

  private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*(?:-\\s*(-?\\d+)\\s*(?:\\[\\s*(\\d+)\\s*])?)?\\s*");
  private static final int MAX_FRAMES = 100_000;

  private FrameExpression() {
  }

  /** The frame numbers of one expression or several separated by commas; 600 for anything else. */
  static List<Integer> parse(String expression) {
    List<Integer> frames = new ArrayList<>();
    for (String part : expression.split(",")) {
      Matcher m = RANGE.matcher(part);
      if (!m.matches()) {
        throw new ApiError(ApiError.INVALID_PARAMETER, "invalid frame expression: " + expression);
      }
      int start = Integer.parseInt(m.group(1));
      int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
      int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      if (end < start || step < 1 || (end - start) / step + frames.size() >= MAX_FRAMES) {
        throw new ApiError(ApiError.INVALID_PARAMETER, "invalid frame expression: " + expression);
      }
      for (int f = start; f <= end; f += step) {
        frames.add(f);
      }
    }
    return frames;
  }
}
