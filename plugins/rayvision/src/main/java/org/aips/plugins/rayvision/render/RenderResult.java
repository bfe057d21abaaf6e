package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.model.FrameInfo;
import org.aips.plugins.rayvision.client.model.FrameStatus;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.OutputFile;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON result of a finished render: frame statistics, failed frames, cost and the output
 * files. A layered task is reported over its sub-tasks (frames, failed frames and outputs live
 * there), with one summary per layer.
 */
final class RenderResult {

  private static final int PAGE_SIZE = 100;
  private static final int MAX_PAGES = 100;

  private RenderResult() {
  }

  static Future<JsonObject> collect(RayvisionClient client, TaskInfo info) {
    List<Future<List<FrameInfo>>> failed = new ArrayList<>();
    List<Future<List<OutputFile>>> files = new ArrayList<>();
    for (TaskInfo task : info.renderingTasks()) {
      failed.add(task.failedFrames() > 0 ? failedFrames(client, task.id(), 1, new ArrayList<>()) : Future.succeededFuture(List.of()));
      files.add(outputFiles(client, task.id()));
    }
    List<Future<?>> all = new ArrayList<>(failed);
    all.addAll(files);
    return Future.all(all).map(done -> toJson(info, flatten(failed), flatten(files)));
  }

  static JsonObject toJson(TaskInfo info, List<FrameInfo> failed, List<OutputFile> files) {
    JsonArray failedJson = new JsonArray();
    failed.forEach(f -> failedJson.add(new JsonObject().put("frameId", f.id()).put("taskId", f.taskId())
        .put("frameIndex", f.frameIndex()).put("status", f.status())));
    JsonArray filesJson = new JsonArray();
    files.forEach(f -> filesJson.add(f.toJson()));
    JsonObject json = summary(info)
        .put("failedFrames", failedJson)
        .put("cost", new JsonObject().put("renderConsume", number(info.renderConsume()))
            .put("userAccountConsume", number(info.userAccountConsume())).put("couponConsume", number(info.couponConsume()))
            .put("taskArrears", number(info.taskArrears())))
        .put("renderDurationSeconds", info.renderDuration())
        .put("submitDate", info.submitDate())
        .put("completedDate", info.completedDate())
        .put("outputFiles", filesJson);
    if (info.isLayered()) {
      JsonArray layers = new JsonArray();
      info.subTasks().forEach(sub -> layers.add(summary(sub)));
      json.put("subTasks", layers);
    }
    return json;
  }

  private static JsonObject summary(TaskInfo info) {
    FrameTotals totals = FrameTotals.of(info);
    return new JsonObject()
        .put("renderbusTaskId", info.id())
        .put("alias", info.alias())
        .put("status", info.status().map(TaskStatus::name).orElse("UNKNOWN"))
        .put("statusCode", info.statusCode())
        .put("sceneName", info.sceneName())
        .put("framesRange", info.framesRange())
        .put("frames", new JsonObject().put("total", totals.total()).put("done", totals.done())
            .put("failed", totals.failed()).put("aborted", totals.aborted()));
  }

  private static Future<List<FrameInfo>> failedFrames(RayvisionClient client, long taskId, int page, List<FrameInfo> found) {
    return client.taskFrames(FramesQuery.page(taskId, page, PAGE_SIZE)).compose(result -> {
      result.items().stream().filter(f -> f.frameStatus().filter(s -> s == FrameStatus.FAILED).isPresent()).forEach(found::add);
      return result.isLast() || page >= MAX_PAGES ? Future.succeededFuture(found) : failedFrames(client, taskId, page + 1, found);
    });
  }

  /** The task's folders at the top of the output tree (asked by task id, as the SDK does) and the files directly inside them. */
  private static Future<List<OutputFile>> outputFiles(RayvisionClient client, long taskId) {
    return client.taskOutputFiles(taskId).compose(top -> {
      List<Future<List<OutputFile>>> inside = new ArrayList<>();
      top.stream().filter(OutputFile::directory).forEach(dir -> inside.add(client.outputFiles(dir.filePath())));
      return Future.all(inside).map(done -> {
        List<OutputFile> all = new ArrayList<>(top);
        inside.forEach(f -> all.addAll(f.result()));
        return all;
      });
    });
  }

  private static <T> List<T> flatten(List<Future<List<T>>> futures) {
    List<T> all = new ArrayList<>();
    futures.forEach(f -> all.addAll(f.result()));
    return all;
  }

  private static Double number(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
