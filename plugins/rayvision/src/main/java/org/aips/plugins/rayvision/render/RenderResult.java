package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.model.FrameInfo;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.OutputFile;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The JSON result of a finished render: frame statistics, failed frames, cost and the output files. */
final class RenderResult {

  private static final int PAGE_SIZE = 100;
  private static final int MAX_PAGES = 100;
  private static final int FRAME_FAILED = 45;

  private RenderResult() {
  }

  static Future<JsonObject> collect(RayvisionClient client, TaskInfo info) {
    Future<List<FrameInfo>> failed = info.failedFrames() > 0 ? failedFrames(client, info.id(), 1, new ArrayList<>()) : Future.succeededFuture(List.of());
    Future<List<OutputFile>> files = outputFiles(client, info.id());
    return Future.all(failed, files).map(done -> toJson(info, failed.result(), files.result()));
  }

  static JsonObject toJson(TaskInfo info, List<FrameInfo> failed, List<OutputFile> files) {
    JsonArray failedJson = new JsonArray();
    failed.forEach(f -> failedJson.add(new JsonObject().put("frameId", f.id()).put("frameIndex", f.frameIndex()).put("status", f.status())));
    JsonArray filesJson = new JsonArray();
    files.forEach(f -> filesJson.add(f.toJson()));
    return new JsonObject()
        .put("renderbusTaskId", info.id())
        .put("alias", info.alias())
        .put("status", info.status().map(TaskStatus::name).orElse("UNKNOWN"))
        .put("statusCode", info.statusCode())
        .put("sceneName", info.sceneName())
        .put("framesRange", info.framesRange())
        .put("frames", new JsonObject().put("total", info.totalFrames()).put("done", info.doneFrames())
            .put("failed", info.failedFrames()).put("aborted", info.abortFrames()))
        .put("failedFrames", failedJson)
        .put("cost", new JsonObject().put("renderConsume", number(info.renderConsume()))
            .put("userAccountConsume", number(info.userAccountConsume())).put("couponConsume", number(info.couponConsume()))
            .put("taskArrears", number(info.taskArrears())))
        .put("renderDurationSeconds", info.renderDuration())
        .put("submitDate", info.submitDate())
        .put("completedDate", info.completedDate())
        .put("outputFiles", filesJson);
  }

  private static Future<List<FrameInfo>> failedFrames(RayvisionClient client, long taskId, int page, List<FrameInfo> found) {
    return client.taskFrames(FramesQuery.page(taskId, page, PAGE_SIZE)).compose(result -> {
      result.items().stream().filter(f -> f.status() != null && f.status() == FRAME_FAILED).forEach(found::add);
      return result.isLast() || page >= MAX_PAGES ? Future.succeededFuture(found) : failedFrames(client, taskId, page + 1, found);
    });
  }

  /** The task's folders in the output tree and the files directly inside them. */
  private static Future<List<OutputFile>> outputFiles(RayvisionClient client, long taskId) {
    return client.outputFiles(taskId, "/").compose(top -> {
      List<Future<List<OutputFile>>> inside = new ArrayList<>();
      top.stream().filter(OutputFile::directory).forEach(dir -> inside.add(client.outputFiles(taskId, dir.filePath())));
      return Future.all(inside).map(done -> {
        List<OutputFile> all = new ArrayList<>(top);
        inside.forEach(f -> all.addAll(f.result()));
        return all;
      });
    });
  }

  private static Double number(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
