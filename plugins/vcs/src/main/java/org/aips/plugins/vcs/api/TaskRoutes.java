package org.aips.plugins.vcs.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.vcs.task.ComputeTasks;
import org.aips.plugins.vcs.task.TaskSpec;
import org.aips.plugins.vcs.task.VcsError;

import java.util.List;

/** The seed's five routes. */
final class TaskRoutes {

  private final ComputeTasks tasks;

  TaskRoutes(ComputeTasks tasks) {
    this.tasks = tasks;
  }

  void create(RoutingContext rc) {
    Envelope.answer(rc, parsed(rc).compose(tasks::create).map(id -> new JsonObject().put("taskId", id)));
  }

  /**
   * The seed's modify body names no taskId: the task is the one with that (unchangeable) name.
   * A body may add {@code taskId}; its name must then be the task's.
   */
  void modify(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Envelope.answer(rc, parsed(rc).compose(spec -> {
      Object id = body.getValue("taskId");
      Future<String> target = id instanceof String s && !s.isBlank() ? Future.succeededFuture(s) : tasks.idByName(spec.name());
      return target.compose(taskId -> tasks.modify(taskId, spec));
    }).map(id -> new JsonObject().put("taskId", id)));
  }

  void start(RoutingContext rc) {
    Envelope.answer(rc, taskId(rc).compose(tasks::start));
  }

  void stop(RoutingContext rc) {
    Envelope.answer(rc, taskId(rc).compose(tasks::stop));
  }

  void query(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    JsonArray ids = body == null ? null : body.getJsonArray("taskIds");
    if (ids == null || ids.isEmpty() || ids.stream().anyMatch(id -> !(id instanceof String))) {
      Envelope.fail(rc, VcsError.INVALID_PARAMETER.exception("taskIds must list task ids"));
      return;
    }
    List<Future<JsonObject>> answers = ids.stream().map(id -> tasks.describe((String) id)).toList();
    Envelope.answer(rc, Future.all(answers).map(all -> new JsonArray(answers.stream().map(Future::result).toList())));
  }

  private static Future<TaskSpec> parsed(RoutingContext rc) {
    try {
      return Future.succeededFuture(TaskSpec.parse(rc.body().asJsonObject()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  static Future<String> taskId(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    String id = body == null || !(body.getValue("taskId") instanceof String s) ? null : s;
    return id == null || id.isBlank() ? Future.failedFuture(VcsError.INVALID_PARAMETER.exception("taskId is required"))
        : Future.succeededFuture(id);
  }
}
