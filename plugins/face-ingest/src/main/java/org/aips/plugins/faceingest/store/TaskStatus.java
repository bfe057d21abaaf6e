package org.aips.plugins.faceingest.store;

import java.util.Arrays;

/**
 * The seed's task states and the moves between them:
 * CREATED → RUNNING (start); RUNNING → STOPPED (stop, mode 1's first error, a restart of the
 * service, a run that failed for good); STOPPED → RUNNING (start, resuming); RUNNING → FINISHED
 * (every row handled). Delete ends any state.
 */
public enum TaskStatus {
  CREATED(1), RUNNING(2), STOPPED(3), FINISHED(4);

  private final int code;

  TaskStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TaskStatus of(int code) {
    return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no state " + code));
  }
}
