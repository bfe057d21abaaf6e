package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** A render task as {@code getTaskList} and {@code queryTaskInfo} describe it (the fields AIPS uses and shows). */
public record TaskInfo(long id, String alias, String sceneName, Integer statusCode, String statusText,
                       int totalFrames, int doneFrames, int failedFrames, int executingFrames, int abortFrames,
                       String framesRange, String projectName, BigDecimal renderConsume, BigDecimal taskArrears,
                       BigDecimal userAccountConsume, BigDecimal couponConsume, Long submitDate, Long startTime,
                       Long completedDate, Long renderDuration, String producer, Integer taskLevel,
                       Integer taskUserLevel, String outputFileName, Integer cgId, Long layerParentId, List<TaskInfo> subTasks) {

  public static TaskInfo fromJson(JsonObject j) {
    return new TaskInfo(Decode.longValue(j, "id"), Decode.text(j, "taskAlias"), Decode.text(j, "sceneName"),
        Decode.intValue(j, "taskStatus"), Decode.text(j, "statusText"),
        Decode.intOr(j, "totalFrames", 0), Decode.intOr(j, "doneFrames", 0), Decode.intOr(j, "failedFrames", 0),
        Decode.intOr(j, "executingFrames", 0), Decode.intOr(j, "abortFrames", 0),
        Decode.text(j, "framesRange"), Decode.text(j, "projectName"), Decode.decimal(j, "renderConsume"),
        Decode.decimal(j, "taskArrears"), Decode.decimal(j, "userAccountConsume"), Decode.decimal(j, "couponConsume"),
        Decode.longValue(j, "submitDate"), Decode.longValue(j, "startTime"), Decode.longValue(j, "completedDate"),
        Decode.longValue(j, "renderDuration"), Decode.text(j, "producer"), Decode.intValue(j, "taskLevel"),
        Decode.intValue(j, "taskUserLevel"), Decode.text(j, "outputFileName"), Decode.intValue(j, "cgId"),
        Decode.longValue(j, "layerParentId"),
        Decode.list(Decode.array(j, "respRenderingTaskList"), TaskInfo::fromJson));
  }

  /** Empty for a code this client does not know (a newer farm), which callers treat as "still active". */
  public Optional<TaskStatus> status() {
    return TaskStatus.of(statusCode);
  }

  /** Frames that reached an end (done, failed or abandoned), for progress. */
  public int settledFrames() {
    return doneFrames + failedFrames + abortFrames;
  }

  /** A layered task: the parent carries no frames of its own (the seed's example has {@code totalFrames: 0}). */
  public boolean isLayered() {
    return !subTasks.isEmpty();
  }

  /** The tasks that render frames: the sub-tasks of a layered task, or the task itself. */
  public List<TaskInfo> renderingTasks() {
    return isLayered() ? subTasks : List.of(this);
  }
}
