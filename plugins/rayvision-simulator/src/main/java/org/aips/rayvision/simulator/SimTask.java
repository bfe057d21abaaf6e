package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One simulated render task. Time moves lazily: {@link #advance} replays what happened since the
 * last look, so the simulator needs no timers and stays deterministic.
 */
final class SimTask {

  static final int WAITING = 0;
  static final int RENDERING = 5;
  static final int USER_STOP = 15;
  static final int TIME_OUT_STOP = 23;
  static final int FINISHED = 25;
  static final int FINISHED_HAS_FAILED = 30;
  static final int ABANDON = 35;

  final long id;
  final long userId;
  final String alias;
  final JsonArray labels;
  int userLevel;
  final String artist;
  final Long outUserId;
  final Long cloneOriginalId;
  String fileName;
  JsonObject taskJson;
  String sceneName = "";
  String framesRange = "";
  String hardwareConfigId;
  String producer;
  boolean submitted;
  boolean deleted;
  boolean fullSpeed;
  Long overTimeStopSeconds;
  long layerParentId;
  String layerName;
  final List<SimTask> layers = new ArrayList<>();
  int status = WAITING;
  Long submitDate;
  Long startTime;
  Long completedDate;
  long renderStartsAt;
  long lastAdvance;
  final List<SimFrame> frames = new ArrayList<>();

  SimTask(long id, long userId, JsonArray labels, int userLevel, String artist, Long outUserId, Long cloneOriginalId) {
    this.id = id;
    this.userId = userId;
    this.alias = "SIM" + id; // an alias no real farm hands out, so simulated tasks are never mistaken for real ones
    this.labels = labels;
    this.userLevel = userLevel;
    this.artist = artist;
    this.outUserId = outUserId;
    this.cloneOriginalId = cloneOriginalId;
  }

  void submit(long now, SimulatorOptions options, List<Integer> frameNumbers, long firstFrameId) {
    submitted = true;
    submitDate = now;
    lastAdvance = now;
    renderStartsAt = now + options.waitingMillis();
    for (int i = 0; i < frameNumbers.size(); i++) {
      frames.add(new SimFrame(firstFrameId + i, id, frameNumbers.get(i), options.frameMillis()));
    }
  }

  /** Replays time up to {@code now}: waiting ends, frames render in order, the task finishes. */
  void advance(long now, SimulatorOptions options) {
    if (!layers.isEmpty()) {
      layers.forEach(layer -> layer.advance(now, options));
      status = parentStatus();
      completedDate = status == FINISHED || status == FINISHED_HAS_FAILED ? layers.stream()
          .map(l -> l.completedDate).filter(java.util.Objects::nonNull).max(Long::compare).orElse(now) : null;
      startTime = layers.stream().map(l -> l.startTime).filter(java.util.Objects::nonNull).min(Long::compare).orElse(null);
      return;
    }
    if (!submitted || now <= lastAdvance) {
      return;
    }
    long from = lastAdvance;
    lastAdvance = now;
    if (status == WAITING && now >= renderStartsAt) {
      status = RENDERING;
      from = Math.max(from, renderStartsAt);
      if (startTime == null) {
        startTime = from;
      }
    }
    if (status != RENDERING) {
      return;
    }
    if (overTimeStopSeconds != null && startTime != null && now - startTime >= overTimeStopSeconds * 1000) {
      renderFrames(from, Math.max(from, startTime + overTimeStopSeconds * 1000), options);
      status = TIME_OUT_STOP;
      frames.stream().filter(f -> f.status == SimFrame.RENDERING).forEach(f -> f.status = SimFrame.WAITING);
      return;
    }
    renderFrames(from, now, options);
    if (frames.stream().noneMatch(SimFrame::pending)) {
      boolean failed = frames.stream().anyMatch(f -> f.status == SimFrame.FAILED);
      status = failed ? FINISHED_HAS_FAILED : FINISHED;
      completedDate = now;
    }
  }

  private void renderFrames(long from, long to, SimulatorOptions options) {
    int slots = options.parallelFrames() * (fullSpeed ? 4 : 1);
    long clock = from;
    while (clock < to) {
      List<SimFrame> active = frames.stream().filter(SimFrame::pending).limit(slots).toList();
      if (active.isEmpty()) {
        return;
      }
      long step = Math.min(to - clock, active.stream().mapToLong(f -> f.remainingMillis).min().orElseThrow());
      for (SimFrame frame : active) {
        if (frame.status == SimFrame.WAITING) {
          frame.status = SimFrame.RENDERING;
          frame.startTime = clock;
        }
        frame.remainingMillis -= step;
        if (frame.remainingMillis <= 0) {
          boolean fails = frame.recommits == 0 && options.failingFrames().contains(frame.number);
          frame.status = fails ? SimFrame.FAILED : SimFrame.DONE;
          frame.endTime = clock + step;
        }
      }
      clock += step;
    }
  }

  /** A layered parent is as far as its least advanced layer. */
  private int parentStatus() {
    List<Integer> statuses = layers.stream().map(l -> l.status).toList();
    if (statuses.stream().allMatch(s -> s == FINISHED || s == FINISHED_HAS_FAILED)) {
      return statuses.contains(FINISHED_HAS_FAILED) ? FINISHED_HAS_FAILED : FINISHED;
    }
    for (int s : new int[] {ABANDON, USER_STOP, TIME_OUT_STOP, RENDERING}) {
      if (statuses.contains(s)) {
        return s;
      }
    }
    return WAITING;
  }

  void stop() {
    layers.forEach(SimTask::stop);
    if (!submitted) {
      return; // nothing renders yet, so nothing to stop
    }
    if (status == WAITING || status == RENDERING) {
      status = USER_STOP;
      frames.stream().filter(f -> f.status == SimFrame.RENDERING).forEach(f -> f.status = SimFrame.WAITING);
    }
  }

  void abandon() {
    layers.forEach(SimTask::abandon);
    if (status != FINISHED && status != FINISHED_HAS_FAILED) {
      status = ABANDON;
      frames.stream().filter(SimFrame::pending).forEach(f -> f.status = SimFrame.ABANDONED);
    }
  }

  void start(long now) {
    layers.forEach(l -> l.start(now));
    if (status == USER_STOP || status == TIME_OUT_STOP) {
      status = RENDERING;
      lastAdvance = now;
    }
  }

  /** Puts the given finished frames back in the queue; a finished task renders again. */
  void recommit(List<SimFrame> selected, long now, long frameMillis) {
    selected.stream().filter(f -> !f.pending()).forEach(f -> f.requeue(frameMillis));
    if (!selected.isEmpty() && (status == FINISHED || status == FINISHED_HAS_FAILED)) {
      status = RENDERING;
      completedDate = null;
      lastAdvance = now;
    }
  }

  List<SimFrame> framesWithStatus(Set<Integer> statuses) {
    return frames.stream().filter(f -> statuses.contains(f.status)).toList();
  }

  void stopFrames(List<SimFrame> selected) {
    selected.stream().filter(SimFrame::pending).forEach(f -> f.status = SimFrame.STOPPED);
  }

  String outputFolder() {
    return "/" + id + "_" + sceneName.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  JsonObject toJson(String userName) {
    if (!layers.isEmpty()) {
      return layeredJson(userName);
    }
    long done = count(SimFrame.DONE);
    double fee = frames.stream().mapToDouble(SimFrame::fee).sum();
    double coupon = frames.stream().mapToDouble(SimFrame::coupon).sum();
    return new JsonObject()
        .put("sceneName", sceneName)
        .put("id", id)
        .put("taskAlias", alias)
        .put("taskStatus", status)
        .put("statusText", "render_task_status_" + status)
        .putNull("preTaskStatus")
        .putNull("preStatusText")
        .put("totalFrames", frames.size())
        .put("abortFrames", count(SimFrame.ABANDONED))
        .put("executingFrames", count(SimFrame.RENDERING))
        .put("doneFrames", done)
        .put("failedFrames", count(SimFrame.FAILED))
        .put("framesRange", framesRange)
        .put("projectName", "")
        .put("renderConsume", round(fee + coupon))
        .put("taskArrears", 0.0)
        .put("submitDate", submitDate)
        .put("startTime", startTime)
        .put("completedDate", completedDate)
        .put("renderDuration", startTime == null ? null : ((completedDate == null ? lastAdvance : completedDate) - startTime) / 1000)
        .put("userName", userName)
        .put("producer", producer != null ? producer : artist)
        .put("taskLevel", userLevel)
        .put("taskUserLevel", userLevel)
        .put("taskLimit", 200)
        .put("taskOverTime", 86_400)
        .put("overTimeStop", overTimeStopSeconds)
        .put("userId", userId)
        .put("outputFileName", outputFolder().substring(1))
        .put("munuTaskId", "")
        .put("layerParentId", layerParentId)
        .put("cgId", cgId())
        .put("taskKeyValueVo", new JsonObject().putNull("tiles").putNull("allCamera").putNull("renderableCamera"))
        .put("userAccountConsume", round(fee))
        .put("couponConsume", round(coupon))
        .put("isOpen", 0)
        .put("taskType", "Render")
        .put("renderCamera", "")
        .put("cloneParentId", 0)
        .put("cloneOriginalId", cloneOriginalId == null ? 0 : cloneOriginalId)
        .put("shareMainCapital", 0)
        .putNull("taskRam")
        .putNull("respRenderingTaskList")
        .put("layerName", layerName == null ? "" : layerName)
        .putNull("taskTypeText")
        .put("isDelete", 1)
        .put("labels", labels);
  }

  /** The seed's example of a layered parent: no frames of its own, its layers in respRenderingTaskList. */
  private JsonObject layeredJson(String userName) {
    List<JsonObject> layerJson = layers.stream().map(l -> l.toJson(userName)).toList();
    JsonObject json = new SimTask(id, userId, labels, userLevel, artist, outUserId, cloneOriginalId).toJson(userName);
    double consume = layerJson.stream().mapToDouble(l -> l.getDouble("renderConsume")).sum();
    return json.put("sceneName", sceneName).put("taskStatus", status).put("statusText", "render_task_status_" + status)
        .put("totalFrames", 0).put("framesRange", framesRange).put("submitDate", submitDate).put("startTime", startTime)
        .put("completedDate", completedDate).put("producer", producer != null ? producer : artist).put("isOpen", 1)
        .put("renderConsume", round(consume)).put("cgId", cgId()).put("respRenderingTaskList", new JsonArray(new ArrayList<>(layerJson)));
  }

  private Integer cgId() {
    Object cgId = taskJson == null ? null : taskJson.getJsonObject("task_info", new JsonObject()).getValue("cg_id");
    return cgId instanceof String text && text.matches("\\d+") ? Integer.valueOf(text) : null;
  }

  private long count(int frameStatus) {
    return frames.stream().filter(f -> f.status == frameStatus).count();
  }

  private static double round(double money) {
    return Math.round(money * 1000) / 1000.0;
  }
}
