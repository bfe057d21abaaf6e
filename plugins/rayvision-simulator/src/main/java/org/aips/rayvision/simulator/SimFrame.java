package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonObject;

/** One frame of a simulated task; statuses use the seed's frame codes (0 waiting, 5 rendering, 10 stopped, 25 done, 35 abandoned, 45 failed). */
final class SimFrame {

  static final int WAITING = 0;
  static final int RENDERING = 5;
  static final int STOPPED = 10;
  static final int DONE = 25;
  static final int ABANDONED = 35;
  static final int FAILED = 45;
  private static final double FEE = 0.12;
  private static final double COUPON = 0.03;

  final long id;
  final long taskId;
  final int number;
  int status = WAITING;
  long remainingMillis;
  int recommits;
  Long startTime;
  Long endTime;

  SimFrame(long id, long taskId, int number, long frameMillis) {
    this.id = id;
    this.taskId = taskId;
    this.number = number;
    this.remainingMillis = frameMillis;
  }

  boolean pending() {
    return status == WAITING || status == RENDERING;
  }

  void requeue(long frameMillis) {
    status = WAITING;
    remainingMillis = frameMillis;
    recommits++;
    startTime = null;
    endTime = null;
  }

  double fee() {
    return status == DONE ? FEE : 0;
  }

  double coupon() {
    return status == DONE ? COUPON : 0;
  }

  JsonObject toJson(long userId, long frameMillis) {
    return new JsonObject()
        .put("id", id)
        .put("userId", userId)
        .put("framePrice", FEE)
        .put("feeType", 0)
        .put("platform", 2)
        .put("frameIndex", Integer.toString(number))
        .put("frameBlock", "1")
        .put("frameStatus", status)
        .put("feeAmount", fee())
        .put("couponFee", coupon())
        .put("startTime", startTime)
        .put("endTime", endTime)
        .put("frameExecuteTime", startTime != null && endTime != null ? (endTime - startTime) / 1000 : null)
        .put("frameStatusText", "task_frame_status_" + status)
        .put("arrearsFee", 0.0)
        .put("taskId", taskId)
        .put("frameType", 5)
        .put("recommitFlag", recommits)
        .put("taskOverTime", 86_400_000L)
        .putNull("gopName")
        .putNull("frameRam");
  }
}
