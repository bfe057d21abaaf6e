package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/** The simulated farm's tasks and frames, and the task operations of the API. Thread-safe. */
final class Farm {

  static final long USER_ID = 10_000_001L;
  static final String USER_NAME = "simulator";

  private final SimulatorOptions options;
  private final LongSupplier clock;
  private final Map<Long, SimTask> tasks = new LinkedHashMap<>();
  private long nextTaskId = 1_000_001;
  private long nextFrameId = 5_000_001;

  Farm(SimulatorOptions options, LongSupplier clock) {
    this.options = options;
    this.clock = clock;
  }

  synchronized JsonObject createTask(Params p) {
    int count = p.optionalInt("count", 1);
    int level = level(p.optionalInt("taskUserLevel", 50));
    if (count < 1 || count > 100) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "count must be between 1 and 100");
    }
    Long cloneOf = p.optionalLong("cloneOriginalId");
    if (cloneOf != null && !tasks.containsKey(cloneOf)) {
      throw new ApiError(ApiError.NOT_FOUND, "task " + cloneOf + " not found");
    }
    List<String> labels = p.optionalStrings("labels");
    JsonArray ids = new JsonArray();
    JsonArray aliases = new JsonArray();
    for (int i = 0; i < count; i++) {
      SimTask task = new SimTask(nextTaskId++, USER_ID, new JsonArray(labels == null ? List.of() : labels), level,
          p.optionalString("artist"), p.optionalLong("outUserId"), cloneOf);
      tasks.put(task.id, task);
      ids.add(task.id);
      aliases.add(task.alias);
    }
    return new JsonObject().put("aliasTaskIdList", aliases).put("taskIdList", ids).put("userId", USER_ID);
  }

  synchronized Object uploadTaskJson(Params p) {
    SimTask task = task(p.requiredLong("taskId"));
    if (task.submitted) {
      throw new ApiError(ApiError.FAIL, "task " + task.id + " is already submitted");
    }
    String fileName = p.requiredString("fileName");
    if (!fileName.equals("task.json")) {
      return null; // upload.json, asset.json, tips.json: kept by the farm, not read by the simulator
    }
    JsonObject content;
    try {
      content = new JsonObject(p.requiredString("content"));
    } catch (RuntimeException e) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "content is not a JSON object");
    }
    TaskJsonReader.checkStamp(content, task.id, task.userId);
    task.fileName = fileName;
    task.taskJson = content;
    return null;
  }

  synchronized Object submit(Params p) {
    SimTask task = task(p.requiredLong("taskId"));
    if (task.submitted) {
      throw new ApiError(ApiError.FAIL, "task " + task.id + " is already submitted");
    }
    if (task.taskJson == null) {
      throw new ApiError(ApiError.FAIL, "upload task.json before submitting task " + task.id);
    }
    List<TaskJsonReader.Layer> layers = TaskJsonReader.layers(task.taskJson);
    task.sceneName = TaskJsonReader.sceneName(task.taskJson);
    JsonObject info = task.taskJson.getJsonObject("task_info");
    task.hardwareConfigId = info.getValue("hardwareConfigId") == null ? null : info.getValue("hardwareConfigId").toString();
    task.producer = p.optionalString("producer");
    long now = clock.getAsLong();
    if (TaskJsonReader.layered(task.taskJson)) {
      task.submitted = true;
      task.submitDate = now;
      task.framesRange = String.join(";", layers.stream().map(TaskJsonReader.Layer::frames).toList());
      layers.forEach(layer -> task.layers.add(submitLayer(task, layer, now)));
    } else {
      task.framesRange = layers.get(0).frames();
      renderFrames(task, layers.stream().flatMap(l -> FrameExpression.parse(l.frames()).stream()).distinct().toList(), now);
    }
    return null;
  }

  /** A layer of a layered task is a task of its own, with its parent's id in layerParentId. */
  private SimTask submitLayer(SimTask parent, TaskJsonReader.Layer layer, long now) {
    SimTask sub = new SimTask(nextTaskId++, parent.userId, parent.labels, parent.userLevel, parent.artist, parent.outUserId, null);
    sub.layerParentId = parent.id;
    sub.layerName = layer.name();
    sub.taskJson = parent.taskJson;
    sub.sceneName = parent.sceneName;
    sub.producer = parent.producer;
    sub.framesRange = layer.frames();
    tasks.put(sub.id, sub);
    renderFrames(sub, FrameExpression.parse(layer.frames()), now);
    return sub;
  }

  private void renderFrames(SimTask task, List<Integer> numbers, long now) {
    task.submit(now, options, numbers, nextFrameId);
    nextFrameId += numbers.size();
  }

  synchronized JsonObject taskInfo(Params p) {
    List<JsonObject> items = new ArrayList<>();
    for (long id : p.requiredLongs("taskIds")) {
      SimTask task = tasks.get(id);
      if (task != null && !task.deleted) {
        items.add(advanced(task).toJson(USER_NAME));
      }
    }
    return Paging.page(items, 1, Math.max(1, items.size()));
  }

  synchronized JsonObject taskList(Params p) {
    List<Long> statuses = p.optionalLongs("statusList");
    String keyword = p.optionalString("searchKeyword");
    Long from = TimeText.parse("startTime", p.optionalString("startTime"));
    Long to = TimeText.parse("endTime", p.optionalString("endTime"));
    boolean recycled = p.optionalInt("recycleFlag", 0) == 1;
    List<JsonObject> items = new ArrayList<>();
    for (SimTask task : tasks.values()) {
      advanced(task);
      boolean matches = task.layerParentId == 0 && task.deleted == recycled
          && (recycled || statuses == null || statuses.isEmpty() || statuses.contains((long) task.status))
          && (recycled || keyword == null || task.sceneName.contains(keyword) || task.alias.contains(keyword)
              || Long.toString(task.id).contains(keyword))
          && (recycled || from == null || (task.submitDate != null && task.submitDate >= from))
          && (recycled || to == null || (task.submitDate != null && task.submitDate <= to));
      if (matches) {
        items.add(task.toJson(USER_NAME));
      }
    }
    return Paging.page(items, p.optionalInt("pageNum", 1), p.optionalInt("pageSize", 100));
  }

  synchronized JsonObject taskFrames(Params p) {
    SimTask task = advanced(task(p.requiredLong("taskId")));
    String keyword = p.optionalString("searchKeyword");
    List<JsonObject> items = task.frames.stream()
        .filter(f -> keyword == null || Integer.toString(f.number).contains(keyword))
        .map(f -> f.toJson(USER_ID, options.frameMillis())).toList();
    return Paging.page(items, p.optionalInt("pageNum", 1), p.optionalInt("pageSize", 100));
  }

  synchronized JsonObject allFrameStats() {
    long[] counts = new long[4]; // executing, done, failed, waiting
    long total = 0;
    for (SimTask task : tasks.values()) {
      for (SimFrame frame : advanced(task).frames) {
        total++;
        switch (frame.status) {
          case SimFrame.RENDERING -> counts[0]++;
          case SimFrame.DONE -> counts[1]++;
          case SimFrame.FAILED -> counts[2]++;
          case SimFrame.WAITING -> counts[3]++;
          default -> { }
        }
      }
    }
    return new JsonObject().put("executingFramesTotal", counts[0]).put("doneFramesTotal", counts[1])
        .put("failedFramesTotal", counts[2]).put("waitingFramesTotal", counts[3]).put("totalFrames", total);
  }

  synchronized Object stop(Params p) {
    tasks(p.requiredLongs("taskIds")).forEach(t -> advanced(t).stop());
    return null;
  }

  synchronized Object start(Params p) {
    long now = clock.getAsLong();
    tasks(p.requiredLongs("taskIds")).forEach(t -> advanced(t).start(now));
    return null;
  }

  synchronized Object abandon(Params p) {
    tasks(p.requiredLongs("taskIds")).forEach(t -> advanced(t).abandon());
    return null;
  }

  synchronized Object delete(Params p) {
    for (SimTask task : tasks(p.requiredLongs("taskIds"))) {
      advanced(task).abandon();
      task.deleted = true;
      task.layers.forEach(l -> l.deleted = true);
    }
    return null;
  }

  synchronized Object updateUserLevel(Params p) {
    SimTask task = task(p.requiredLong("taskId"));
    task.userLevel = level(p.optionalInt("taskUserLevel", 50));
    task.layers.forEach(l -> l.userLevel = task.userLevel);
    return null;
  }

  synchronized Object setOverTimeStop(Params p) {
    long seconds = p.requiredLong("overTime");
    if (seconds < 1) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "overTime must be positive (seconds)");
    }
    for (SimTask task : tasks(p.requiredLongs("taskIds"))) {
      advanced(task).overTimeStopSeconds = seconds;
      task.layers.forEach(l -> l.overTimeStopSeconds = seconds);
    }
    return null;
  }

  synchronized Object fullSpeed(Params p) {
    for (SimTask task : tasks(p.requiredLongs("taskIds"))) {
      advanced(task).fullSpeed = true;
      task.layers.forEach(l -> l.fullSpeed = true);
    }
    return "成功";
  }

  synchronized Object recommitFailed(Params p) {
    Set<Integer> statuses = statuses(p.optionalLongs("status"), Set.of(SimFrame.FAILED));
    long now = clock.getAsLong();
    for (SimTask task : tasks(p.requiredLongs("taskIds"))) {
      for (SimTask rendering : task.layers.isEmpty() ? List.of(task) : task.layers) {
        advanced(rendering).recommit(rendering.framesWithStatus(statuses), now, options.frameMillis());
      }
    }
    return null;
  }

  synchronized Object recommitFrames(Params p) {
    SimTask task = advanced(task(p.requiredLong("taskId")));
    task.recommit(selectedFrames(p, task, Set.of(SimFrame.DONE, SimFrame.FAILED, SimFrame.STOPPED)), clock.getAsLong(),
        options.frameMillis());
    return null;
  }

  synchronized Object stopFrames(Params p) {
    SimTask task = advanced(task(p.requiredLong("taskId")));
    task.stopFrames(selectedFrames(p, task, Set.of(SimFrame.WAITING, SimFrame.RENDERING)));
    return null;
  }

  /** selectAll 1: every frame (in the given statuses); 0: the frames named by ids. */
  private List<SimFrame> selectedFrames(Params p, SimTask task, Set<Integer> allStatuses) {
    int selectAll = p.optionalInt("selectAll", 0);
    if (selectAll == 1) {
      return task.framesWithStatus(statuses(p.optionalLongs("status"), allStatuses));
    }
    List<Long> ids = p.optionalLongs("ids");
    if (ids == null || ids.isEmpty()) {
      throw new ApiError(ApiError.MISSING_PARAMETER, "ids is required when selectAll is 0");
    }
    return task.frames.stream().filter(f -> ids.contains(f.id)).toList();
  }

  synchronized JsonObject showLog(Params p) {
    long frameId = p.requiredLong("id");
    SimFrame frame = tasks.values().stream().flatMap(t -> advanced(t).frames.stream()).filter(f -> f.id == frameId).findFirst()
        .orElseThrow(() -> new ApiError(ApiError.NOT_FOUND, "frame " + frameId + " not found"));
    List<String> lines = List.of("[simulator] " + p.requiredString("renderingType") + " log of frame " + frame.number
        + " of task " + frame.taskId, "[simulator] frame status " + frame.status);
    return Paging.strings(lines, p.optionalInt("pageNum", 1), p.optionalInt("pageSize", 100));
  }

  /** As the SDK sends it: with a taskId the tree path is "/" (the task's own folders). */
  synchronized JsonArray outputFiles(Params p) {
    Long taskId = p.optionalLong("taskId");
    String path = p.requiredString("treePath");
    if (taskId != null && !path.equals("/")) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "treePath must be \"/\" with a taskId");
    }
    List<SimTask> scope = taskId == null ? new ArrayList<>(tasks.values()) : List.of(task(taskId));
    JsonArray entries = new JsonArray();
    for (SimTask task : scope) {
      List<SimFrame> done = advanced(task).framesWithStatus(Set.of(SimFrame.DONE));
      if (done.isEmpty()) {
        continue;
      }
      String folder = task.outputFolder();
      if (path.equals("/")) {
        entries.add(OutputEntry.folder(folder, task.completedDate));
      } else if (path.equals(folder)) {
        done.forEach(f -> entries.add(OutputEntry.frameImage(folder, task.sceneName, f)));
      }
    }
    return entries;
  }

  synchronized JsonArray hardwareConfigs(Params p) {
    List<String> ids = p.optionalStrings("taskIds");
    Set<String> current = new HashSet<>();
    if (ids != null) {
      for (String id : ids) {
        if (!id.matches("\\d+")) {
          throw new ApiError(ApiError.INVALID_PARAMETER, "taskIds must hold task ids, got: " + id);
        }
        current.add(task(Long.parseLong(id)).hardwareConfigId);
      }
    }
    return AccountData.hardwareConfigs(current);
  }

  /** Test hook: the task as the farm sees it now (null when unknown). */
  synchronized JsonObject snapshot(long taskId) {
    SimTask task = tasks.get(taskId);
    return task == null ? null : advanced(task).toJson(USER_NAME);
  }

  /** Test hook: the task.json the farm was given for a task (null before upload). */
  synchronized JsonObject uploadedTaskJson(long taskId) {
    SimTask task = tasks.get(taskId);
    return task == null || task.taskJson == null ? null : task.taskJson.copy();
  }

  /** Ids of the tasks created through createTask (layers of layered tasks are not among them), oldest first. */
  synchronized List<Long> taskIds() {
    return tasks.values().stream().filter(t -> t.layerParentId == 0).map(t -> t.id).toList();
  }

  private SimTask advanced(SimTask task) {
    task.advance(clock.getAsLong(), options);
    return task;
  }

  private SimTask task(long id) {
    SimTask task = tasks.get(id);
    if (task == null || task.deleted) {
      throw new ApiError(ApiError.NOT_FOUND, "task " + id + " not found");
    }
    return task;
  }

  private List<SimTask> tasks(List<Long> ids) {
    return ids.stream().map(this::task).toList();
  }

  private static int level(int level) {
    if (level != 50 && level != 60) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "taskUserLevel must be 50 or 60");
    }
    return level;
  }

  private static Set<Integer> statuses(List<Long> given, Set<Integer> fallback) {
    if (given == null || given.isEmpty()) {
      return fallback;
    }
    Set<Integer> result = new HashSet<>();
    given.forEach(s -> result.add(Math.toIntExact(s)));
    return result;
  }
}
