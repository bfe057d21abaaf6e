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

/** The simulated farm's tasks and frames, and the task operations of the contract. Thread-safe. */
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
    int level = p.optionalInt("task_user_level", 50);
    if (count < 1 || count > 100) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "count must be between 1 and 100");
    }
    if (level != 50 && level != 60) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "task_user_level must be 50 or 60");
    }
    Long cloneOf = p.optionalLong("clone_original_id");
    if (cloneOf != null && !tasks.containsKey(cloneOf)) {
      throw new ApiError(ApiError.NOT_FOUND, "task " + cloneOf + " not found");
    }
    List<String> labels = p.optionalStrings("labels");
    JsonArray ids = new JsonArray();
    JsonArray aliases = new JsonArray();
    for (int i = 0; i < count; i++) {
      SimTask task = new SimTask(nextTaskId++, USER_ID, new JsonArray(labels == null ? List.of() : labels), level,
          p.optionalString("artist"), p.optionalLong("out_user_id"), cloneOf);
      tasks.put(task.id, task);
      ids.add(task.id);
      aliases.add(task.alias);
    }
    return new JsonObject().put("aliasTaskIdList", aliases).put("taskIdList", ids).put("userId", USER_ID);
  }

  synchronized Object uploadTaskJson(Params p) {
    SimTask task = task(p.requiredLong("task_id"));
    JsonObject content;
    try {
      content = new JsonObject(p.requiredString("content"));
    } catch (RuntimeException e) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "content is not a JSON object");
    }
    if (task.submitted) {
      throw new ApiError(ApiError.FAIL, "task " + task.id + " is already submitted");
    }
    String fileName = p.optionalString("file_name");
    task.fileName = fileName == null ? "task.json" : fileName;
    task.taskJson = content;
    return null;
  }

  synchronized Object submit(Params p) {
    SimTask task = task(p.requiredLong("task_id"));
    if (task.submitted) {
      throw new ApiError(ApiError.FAIL, "task " + task.id + " is already submitted");
    }
    if (task.taskJson == null) {
      throw new ApiError(ApiError.FAIL, "upload task.json before submitting task " + task.id);
    }
    JsonObject info = task.taskJson.getJsonObject("task_info", new JsonObject());
    JsonObject common = task.taskJson.getJsonObject("scene_info_render", new JsonObject()).getJsonObject("common", new JsonObject());
    task.framesRange = String.valueOf(common.getValue("frames", "1"));
    task.sceneName = String.valueOf(info.getValue("input_cg_file", "scene"));
    task.hardwareConfigId = info.getValue("hardwareConfigId") == null ? null : info.getValue("hardwareConfigId").toString();
    task.producer = p.optionalString("producer");
    List<Integer> numbers = FrameExpression.parse(task.framesRange);
    task.submit(clock.getAsLong(), options, numbers, nextFrameId);
    nextFrameId += numbers.size();
    return null;
  }

  synchronized JsonObject taskInfo(Params p) {
    List<JsonObject> items = new ArrayList<>();
    for (long id : p.requiredLongs("task_ids_list")) {
      SimTask task = tasks.get(id);
      if (task != null) {
        items.add(advanced(task).toJson(USER_NAME));
      }
    }
    return Paging.page(items, 1, Math.max(1, items.size()));
  }

  synchronized JsonObject taskList(Params p) {
    List<Long> statuses = p.optionalLongs("status_list");
    String keyword = p.optionalString("search_keyword");
    Long from = TimeText.parse("start_time", p.optionalString("start_time"));
    Long to = TimeText.parse("end_time", p.optionalString("end_time"));
    List<JsonObject> items = new ArrayList<>();
    for (SimTask task : tasks.values()) {
      advanced(task);
      boolean matches = (statuses == null || statuses.isEmpty() || statuses.contains((long) task.status))
          && (keyword == null || task.sceneName.contains(keyword) || task.alias.contains(keyword) || Long.toString(task.id).contains(keyword))
          && (from == null || (task.submitDate != null && task.submitDate >= from))
          && (to == null || (task.submitDate != null && task.submitDate <= to));
      if (matches) {
        items.add(task.toJson(USER_NAME));
      }
    }
    return Paging.page(items, p.optionalInt("page_num", 1), p.optionalInt("page_size", 100));
  }

  synchronized JsonObject taskFrames(Params p) {
    SimTask task = advanced(task(p.requiredLong("task_id")));
    String keyword = p.optionalString("search_keyword");
    List<JsonObject> items = task.frames.stream()
        .filter(f -> keyword == null || Integer.toString(f.number).contains(keyword))
        .map(f -> f.toJson(USER_ID, options.frameMillis())).toList();
    return Paging.page(items, p.optionalInt("page_num", 1), p.optionalInt("page_size", 100));
  }

  synchronized Object stop(Params p) {
    tasks(p.requiredLongs("task_param_list")).forEach(t -> advanced(t).stop());
    return null;
  }

  synchronized Object start(Params p) {
    long now = clock.getAsLong();
    tasks(p.requiredLongs("task_param_list")).forEach(t -> advanced(t).start(now));
    return null;
  }

  synchronized Object fullSpeed(Params p) {
    tasks(p.requiredLongs("task_id_list")).forEach(t -> advanced(t).fullSpeed = true);
    return "成功";
  }

  synchronized Object recommitFailed(Params p) {
    Set<Integer> statuses = statuses(p.optionalLongs("status"), Set.of(SimFrame.FAILED));
    long now = clock.getAsLong();
    for (SimTask task : tasks(p.requiredLongs("task_param_list"))) {
      advanced(task).recommit(task.framesWithStatus(statuses), now, options.frameMillis());
    }
    return null;
  }

  synchronized Object recommitById(Params p) {
    Long taskId = p.optionalLong("task_id");
    List<Long> ids = p.optionalLongs("ids_list");
    int selectAll = p.optionalInt("select_all", 0);
    if (taskId == null && (ids == null || ids.isEmpty())) {
      throw new ApiError(ApiError.MISSING_PARAMETER, "task_id or ids_list is required");
    }
    long now = clock.getAsLong();
    if (taskId != null) {
      SimTask task = advanced(task(taskId));
      List<SimFrame> selected = selectAll == 1
          ? task.framesWithStatus(statuses(p.optionalLongs("status"), Set.of(SimFrame.DONE, SimFrame.FAILED)))
          : task.frames.stream().filter(f -> ids != null && ids.contains(f.id)).toList();
      task.recommit(selected, now, options.frameMillis());
      return null;
    }
    for (SimTask task : tasks.values()) {
      List<SimFrame> selected = task.frames.stream().filter(f -> ids.contains(f.id)).toList();
      if (!selected.isEmpty()) {
        advanced(task).recommit(selected, now, options.frameMillis());
      }
    }
    return null;
  }

  synchronized Object recommitByIndex(Params p) {
    SimTask task = advanced(task(p.requiredLong("task_id")));
    List<String> expressions = p.optionalStrings("restartframes");
    if (expressions == null || expressions.isEmpty()) {
      throw new ApiError(ApiError.MISSING_PARAMETER, "missing parameter restartframes");
    }
    Set<Integer> numbers = new HashSet<>();
    expressions.forEach(e -> numbers.addAll(FrameExpression.parse(e)));
    task.recommit(task.frames.stream().filter(f -> numbers.contains(f.number)).toList(), clock.getAsLong(), options.frameMillis());
    return null;
  }

  synchronized JsonArray subTaskIds(Params p) {
    return new JsonArray().add(task(p.requiredLong("task_id")).id); // simulated tasks have no layers
  }

  synchronized JsonArray outputFiles(Params p) {
    Long taskId = p.optionalLong("task_id");
    String path = p.optionalString("tree_path") == null ? "/" : p.optionalString("tree_path");
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
    List<String> ids = p.optionalStrings("task_ids");
    Set<String> current = new HashSet<>();
    if (ids != null) {
      ids.forEach(id -> current.add(task(Long.parseLong(id)).hardwareConfigId));
    }
    return AccountData.hardwareConfigs(current);
  }

  /** Test hook: the task as the farm sees it now (null when unknown). */
  synchronized JsonObject snapshot(long taskId) {
    SimTask task = tasks.get(taskId);
    return task == null ? null : advanced(task).toJson(USER_NAME);
  }

  synchronized List<Long> taskIds() {
    return List.copyOf(tasks.keySet());
  }

  private SimTask advanced(SimTask task) {
    task.advance(clock.getAsLong(), options);
    return task;
  }

  private SimTask task(long id) {
    SimTask task = tasks.get(id);
    if (task == null) {
      throw new ApiError(ApiError.NOT_FOUND, "task " + id + " not found");
    }
    return task;
  }

  private List<SimTask> tasks(List<Long> ids) {
    return ids.stream().map(this::task).toList();
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
