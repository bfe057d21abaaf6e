package org.aips.plugins.rayvision.render;

import org.aips.plugins.rayvision.client.model.TaskInfo;

/** Frame counts of a task over the tasks that render it: its sub-tasks when layered (the parent counts none), else itself. */
record FrameTotals(int total, int done, int failed, int aborted) {

  static FrameTotals of(TaskInfo info) {
    int total = 0;
    int done = 0;
    int failed = 0;
    int aborted = 0;
    for (TaskInfo task : info.renderingTasks()) {
      total += task.totalFrames();
      done += task.doneFrames();
      failed += task.failedFrames();
      aborted += task.abortFrames();
    }
    return new FrameTotals(total, done, failed, aborted);
  }

  int settled() {
    return done + failed + aborted;
  }
}
