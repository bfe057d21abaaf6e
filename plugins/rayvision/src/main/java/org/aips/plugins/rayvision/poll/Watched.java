package org.aips.plugins.rayvision.poll;

import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.config.PollSettings;

/** One watched task and its own backoff: quick while it changes, slower while it does not. */
final class Watched {

  final long taskId;
  final TaskWatcher watcher;
  long nextDue;
  private long interval;
  private String lastSeen = "";

  Watched(long taskId, TaskWatcher watcher, long now) {
    this.taskId = taskId;
    this.watcher = watcher;
    this.nextDue = now; // the first poll comes as soon as the rate allows
  }

  void seen(TaskInfo info, long now, PollSettings settings) {
    String fingerprint = info.statusCode() + "/" + info.settledFrames() + "/" + info.executingFrames() + "/" + info.totalFrames();
    boolean changed = !fingerprint.equals(lastSeen);
    lastSeen = fingerprint;
    interval = changed ? settings.minIntervalMillis()
        : Math.min(settings.maxIntervalMillis(), (long) (interval * settings.backoffFactor()));
    nextDue = now + interval;
  }

  void postpone(long now, PollSettings settings) {
    interval = Math.min(settings.maxIntervalMillis(), Math.max(settings.minIntervalMillis(), (long) (interval * settings.backoffFactor())));
    nextDue = now + interval;
  }
}
