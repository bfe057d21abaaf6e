package org.aips.plugins.rayvision.poll;

import org.aips.plugins.rayvision.client.model.TaskInfo;

/** Receives what the poller learns about one remote task. */
public interface TaskWatcher {

  /** The task's latest state, after every poll that included it. */
  void onInfo(TaskInfo info);

  /** Polling this task cannot go on: the farm no longer knows it, or the account is refused. */
  void onError(Throwable failure);
}
