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
  private long refusedSince = -1;

  Watched(long taskId, TaskWatcher watcher, long now) {
    this.taskId = taskId;
    this.watcher = watcher;
    this.nextDue = now; // the first poll comes as soon as the rate allows
  }

  void seen(TaskInfo info, long now, PollSettings settings) {
    refusedSince = -1;
    StringBuilder fingerprint = new StringBuilder().append(info.statusCode());
    info.renderingTasks().forEach(t -> fingerprint.append('/').append(t.statusCode()).append(':').append(t.settledFrames())
        .append(':').append(t.executingFrames()).append(':').append(t.totalFrames())); // a layered parent changes only in its layers
    boolean changed = !fingerprint.toString().equals(lastSeen);
    lastSeen = fingerprint.toString();
    interval = changed ? settings.minIntervalMillis()
        : Math.min(settings.maxIntervalMillis(), (long) (interval * settings.backoffFactor()));
    nextDue = now + interval;
  }

  /** Starts or continues a run of refused polls; true once it has lasted {@code refusedTimeoutMillis}. */
  boolean refusedTooLong(long now, PollSettings settings) {
    if (refusedSince < 0) {
      refusedSince = now;
    }
    return now - refusedSince >= settings.refusedTimeoutMillis();
  }

  long refusedForMillis(long now) {
    return refusedSince < 0 ? 0 : now - refusedSince;
  }

  void postpone(long now, PollSettings settings) {
    interval = Math.min(settings.maxIntervalMillis(), Math.max(settings.minIntervalMillis(), (long) (interval * settings.backoffFactor())));
    nextDue = now + interval;
  }
}
