package org.aips.plugins.rayvision.client.model;

import java.util.Arrays;
import java.util.Optional;

/** Task status codes of the contract, and what each means for someone waiting on the task. */
public enum TaskStatus {
  WAITING(0, Phase.ACTIVE),
  RENDERING(5, Phase.ACTIVE),
  PRE_RENDERING(8, Phase.ACTIVE),
  STOP(10, Phase.STOPPED),
  USER_STOP(15, Phase.STOPPED),
  ARREARAGE_STOP(20, Phase.STOPPED),
  TIME_OUT_STOP(23, Phase.STOPPED),
  FINISHED(25, Phase.FINISHED),
  FINISHED_HAS_FAILED(30, Phase.FINISHED),
  ABANDON(35, Phase.FAILED),
  FINISHED_TEST(40, Phase.FINISHED),
  FAILED(45, Phase.FAILED),
  ANALYSE(50, Phase.ACTIVE),
  STATUS_UPDATING(100, Phase.ACTIVE);

  /** Where a task stands: still going, halted (may be started again), done, or given up. */
  public enum Phase { ACTIVE, STOPPED, FINISHED, FAILED }

  private final int code;
  private final Phase phase;

  TaskStatus(int code, Phase phase) {
    this.code = code;
    this.phase = phase;
  }

  public int code() {
    return code;
  }

  public Phase phase() {
    return phase;
  }

  public static Optional<TaskStatus> of(Integer code) {
    return code == null ? Optional.empty() : Arrays.stream(values()).filter(s -> s.code == code).findFirst();
  }
}
