package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/** One frame of a task ({@code queryTaskFrames}). */
public record FrameInfo(long id, Long taskId, String frameIndex, String frameBlock, Integer status, String statusText,
                        BigDecimal feeAmount, BigDecimal couponFee, Long startTime, Long endTime, Long executeSeconds,
                        Integer frameType, int recommitCount) {

  public static FrameInfo fromJson(JsonObject j) {
    return new FrameInfo(Decode.longValue(j, "id"), Decode.longValue(j, "taskId"), Decode.text(j, "frameIndex"),
        Decode.text(j, "frameBlock"), Decode.intValue(j, "frameStatus"), Decode.text(j, "frameStatusText"),
        Decode.decimal(j, "feeAmount"), Decode.decimal(j, "couponFee"), Decode.longValue(j, "startTime"),
        Decode.longValue(j, "endTime"), Decode.longValue(j, "frameExecuteTime"), Decode.intValue(j, "frameType"),
        Decode.intOr(j, "recommitFlag", 0));
  }

  public java.util.Optional<FrameStatus> frameStatus() {
    return FrameStatus.of(status);
  }
}
