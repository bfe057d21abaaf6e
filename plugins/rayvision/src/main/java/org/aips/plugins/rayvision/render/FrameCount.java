package org.aips.plugins.rayvision.render;

/** Counts the frames of a range such as {@code "1-100[2]"} or {@code "1,5,7-9"}, for the run-time estimate only. */
final class FrameCount {

  private FrameCount() {
  }

  static long of(String frames) {
    if (frames == null || !RenderParams.FRAMES.matcher(frames).matches()) {
      return 1;
    }
    long total = 0;
    for (String part : frames.replace(" ", "").split(",")) {
      String[] stepSplit = part.split("\\[");
      long step = stepSplit.length > 1 ? Math.max(1, Long.parseLong(stepSplit[1].replace("]", ""))) : 1;
      int dash = stepSplit[0].indexOf('-', 1);
      long start = Long.parseLong(dash < 0 ? stepSplit[0] : stepSplit[0].substring(0, dash));
      long end = dash < 0 ? start : Long.parseLong(stepSplit[0].substring(dash + 1));
      total += end < start ? 0 : (end - start) / step + 1;
    }
    return Math.max(1, total);
  }
}
