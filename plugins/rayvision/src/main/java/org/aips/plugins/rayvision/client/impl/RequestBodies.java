package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.FrameSelection;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.TaskListQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where Java arguments become wire keys. Every body is what the Python SDK
 * ({@code rayvision_api/operators}) sends for the same call: camelCase keys, the keys it always
 * sends with its defaults, and optional keys left out when unset (the SDK's {@code if x:} tests,
 * so an empty list or string is not sent either).
 */
final class RequestBodies {

  static final String TASK_IDS = "taskIds";
  static final String TASK_ID = "taskId";

  private RequestBodies() {
  }

  static JsonObject empty() {
    return new JsonObject();
  }

  static JsonObject createTask(CreateTaskRequest r) {
    JsonObject body = new JsonObject()
        .put("count", r.count() == null ? 1 : r.count())
        .put("taskUserLevel", r.taskUserLevel() == null ? 50 : r.taskUserLevel());
    putIfSet(body, "outUserId", r.outUserId());
    putIfSet(body, "labels", r.labels());
    putIfSet(body, "cloneOriginalId", r.cloneOriginalId());
    putIfSet(body, "artist", r.artist());
    return body;
  }

  static JsonObject submitTask(long taskId, String producer) {
    return putIfSet(new JsonObject().put(TASK_ID, taskId), "producer", producer);
  }

  /** {@code fileName} is required by the SDK's schema; {@code content} is the file's text. */
  static JsonObject taskJsonFile(long taskId, String fileName, String content) {
    return new JsonObject().put(TASK_ID, taskId).put("fileName", fileName).put("content", content);
  }

  /** {@code language} is an integer on the wire (0 Chinese, 1 English); {@code codes} a list of strings. */
  static JsonObject analyseErrorDetail(String code, List<String> codes, int language) {
    JsonObject body = new JsonObject().put("language", language);
    putIfSet(body, "code", code);
    putIfSet(body, "codes", codes);
    return body;
  }

  static JsonObject taskList(TaskListQuery q) {
    JsonObject body = new JsonObject().put("pageNum", q.pageNum()).put("pageSize", q.pageSize());
    putIfSet(body, "statusList", q.statusList());
    putIfSet(body, "searchKeyword", q.searchKeyword());
    putIfSet(body, "startTime", q.startTime());
    putIfSet(body, "endTime", q.endTime());
    putIfSet(body, "recycleFlag", q.recycleFlag() == null || q.recycleFlag() == 0 ? null : q.recycleFlag());
    return body;
  }

  /** stopTask, startTask, abandonTask, deleteTask, fullSpeedRendering, queryTaskInfo. */
  static JsonObject taskIds(List<Long> taskIds) {
    return new JsonObject().put(TASK_IDS, list(taskIds));
  }

  static JsonObject taskFrames(FramesQuery q) {
    JsonObject body = new JsonObject().put(TASK_ID, q.taskId()).put("pageNum", q.pageNum()).put("pageSize", q.pageSize());
    return putIfSet(body, "searchKeyword", q.searchKeyword());
  }

  static JsonObject recommitTasks(List<Long> taskIds, List<Integer> statuses) {
    return putIfSet(taskIds(taskIds), "status", statuses);
  }

  /** recommitTaskFrames and stopTaskFrames: {@code selectAll} 1 with the task, or 0 with the frame {@code ids}. */
  static JsonObject frameSelection(FrameSelection s) {
    JsonObject body = new JsonObject().put(TASK_ID, s.taskId());
    if (!s.selectsAll()) {
      body.put("ids", list(s.frameIds()));
    }
    body.put("selectAll", s.selectsAll() ? 1 : 0);
    return putIfSet(body, "status", s.statuses());
  }

  static JsonObject updateTaskUserLevel(long taskId, int level) {
    return new JsonObject().put(TASK_ID, taskId).put("taskUserLevel", level);
  }

  static JsonObject setTaskOverTimeStop(List<Long> taskIds, long overTimeSeconds) {
    return taskIds(taskIds).put("overTime", overTimeSeconds);
  }

  /** The task's own folder ({@code treePath} forced to "/", as the SDK does) or a path under the output root. */
  static JsonObject outputFiles(Long taskId, String treePath) {
    JsonObject body = new JsonObject().put("treePath", taskId != null ? "/" : treePath);
    return putIfSet(body, TASK_ID, taskId);
  }

  static JsonObject hardwareConfigs(List<String> taskIds) {
    return putIfSet(new JsonObject().put("cloneTask", "false"), TASK_IDS, taskIds);
  }

  static JsonObject showLog(long frameId, String renderingType, int pageNum, int pageSize) {
    return new JsonObject().put("renderingType", renderingType).put("pageNum", pageNum).put("pageSize", pageSize).put("id", frameId);
  }

  static JsonObject softwareDetail(int cgId, String osName) {
    return new JsonObject().put("cgId", cgId).put("osName", osName);
  }

  /** queryPlatforms: zone 1 for a renderbus domain, 2 otherwise (the SDK's rule). */
  static JsonObject platforms(String domain) {
    return new JsonObject().put("zone", domain.toLowerCase(java.util.Locale.ROOT).contains("renderbus") ? 1 : 2);
  }

  /** getServerInfo: the SDK's rule is the inverse of queryPlatforms' (2 for a renderbus domain); kept as sent. */
  static JsonObject serverInfo(String domain) {
    return new JsonObject().put("zone", domain.contains("renderbus") ? 2 : 1);
  }

  private static JsonObject putIfSet(JsonObject body, String key, Object value) {
    boolean unset = value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    if (!unset) {
      body.put(key, value instanceof List<?> l ? list(l) : value);
    }
    return body;
  }

  /** An empty id list is sent as it is: the farm answers 601 (missing parameter), a clear error for the caller. */
  private static JsonArray list(List<?> values) {
    return new JsonArray(values == null ? new ArrayList<>() : new ArrayList<>(values));
  }
}
