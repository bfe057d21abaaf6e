package org.aips.plugins.vcs.task;

import org.aips.spi.TaskInfo;
import org.aips.spi.TaskState;

import java.util.List;
import java.util.Optional;

/**
 * The seed's {@code taskStatus}: {@code ONLINED} while the task runs (its devices queued or being
 * analysed), and CREATED (never started), WAITING (started before its execStartTime), STOPPED,
 * FINISHED (every device done) and FAILED (every device ended, one or more failed).
 */
public enum TaskStatus {
  CREATED, WAITING, ONLINED, STOPPED, FINISHED, FAILED;

  static TaskStatus of(StoredTask.Phase phase, List<Optional<TaskInfo>> devices) {
    return switch (phase) {
      case CREATED -> CREATED;
      case SCHEDULED -> WAITING;
      case STOPPED -> STOPPED;
      case RUNNING -> running(devices);
    };
  }

  private static TaskStatus running(List<Optional<TaskInfo>> devices) {
    boolean allEnded = !devices.isEmpty() && devices.stream().allMatch(d -> d.isPresent() && d.get().state().isFinished());
    if (!allEnded) {
      return ONLINED;
    }
    return devices.stream().allMatch(d -> d.get().state() == TaskState.DONE) ? FINISHED : FAILED;
  }

  boolean isEnded() {
    return this == FINISHED || this == FAILED;
  }
}
