package org.aips.plugins.faceingest.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.faceingest.ApiError;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.TaskLifecycle;
import org.aips.plugins.faceingest.store.IngestLogs;
import org.aips.plugins.faceingest.store.IngestTask;
import org.aips.plugins.faceingest.store.TaskStatus;
import org.aips.spi.Blobs;

import java.util.Optional;

/** The seed's routes (1.1–1.7) under {@code /v1/tasks}. */
final class TaskRoutes {

  static final int DEFAULT_LOG_LIMIT = 10_000;
  static final int MAX_LOG_LIMIT = 100_000;

  private final Vertx vertx;
  private final TaskLifecycle lifecycle;
  private final IngestLogs logs;
  private final Blobs blobs;
  private final Settings settings;

  TaskRoutes(Vertx vertx, TaskLifecycle lifecycle, IngestLogs logs, Blobs blobs, Settings settings) {
    this.vertx = vertx;
    this.lifecycle = lifecycle;
    this.logs = logs;
    this.blobs = blobs;
    this.settings = settings;
  }

  /** The uploaded CSV (already on disk) is streamed into the blob store, then checked and counted on a worker. */
  void create(RoutingContext rc) {
    CreateForm form;
    try {
      form = CreateForm.parse(rc.request().formAttributes(), rc.fileUploads(), settings);
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    Answers.json(rc, vertx.fileSystem().open(form.file().uploadedFileName(), new OpenOptions().setRead(true))
        .compose(file -> blobs.receive(file, settings.maxCsvBytes()))
        .compose(csv -> lifecycle.create(form.groupName(), form.config(), csv))
        .map(id -> new JsonObject().put("id", id)));
  }

  void start(RoutingContext rc) {
    Answers.ok(rc, lifecycle.start(rc.pathParam("id")));
  }

  void stop(RoutingContext rc) {
    Answers.ok(rc, lifecycle.stop(rc.pathParam("id")));
  }

  void delete(RoutingContext rc) {
    Answers.ok(rc, lifecycle.delete(rc.pathParam("id")));
  }

  void detail(RoutingContext rc) {
    Answers.json(rc, lifecycle.find(rc.pathParam("id")).map(TaskRoutes::detail));
  }

  /** {@code status}: 0 or absent for every task, 1–4 for one state; an integer or its digits as a string (the seed shows ""). */
  void list(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      Answers.fail(rc, ApiError.badRequest("the body must be a JSON object"));
      return;
    }
    if (body == null) {
      Answers.fail(rc, ApiError.badRequest("the body must be a JSON object with group_name"));
      return;
    }
    String group;
    Optional<TaskStatus> status;
    try {
      group = CreateForm.groupName(body.getValue("group_name") instanceof String name ? name : null);
      status = status(body.getValue("status"));
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    Answers.json(rc, lifecycle.list(group, status)
        .map(tasks -> new JsonObject().put("ids", new JsonArray(tasks.stream().map(IngestTask::id).toList()))));
  }

  /** The log as JSON, in row order: {@code offset} (default 0) and {@code limit} (default 10,000, at most 100,000) page it. */
  void log(RoutingContext rc) {
    int offset;
    int limit;
    try {
      offset = query(rc, "offset", 0, 0, Integer.MAX_VALUE);
      limit = query(rc, "limit", DEFAULT_LOG_LIMIT, 1, MAX_LOG_LIMIT);
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    String id = rc.pathParam("id");
    Answers.json(rc, lifecycle.find(id).compose(task -> logs.entries(id, offset, limit))
        .map(entries -> new JsonObject().put("logs", new JsonArray(entries))));
  }

  /** The whole log as CSV ({@code uri,code,message}, no header), streamed a page at a time with back-pressure. */
  void downloadLog(RoutingContext rc) {
    String id = rc.pathParam("id");
    lifecycle.find(id).onSuccess(task -> {
      rc.response().setChunked(true).putHeader("content-type", "application/octet-stream")
          .putHeader("content-disposition", "attachment; filename=\"" + id + "-log.csv\"");
      new LogDownload(logs, id, rc.response()).start().onFailure(e -> Answers.fail(rc, e));
    }).onFailure(e -> Answers.fail(rc, e));
  }

  private static JsonObject detail(IngestTask task) {
    return new JsonObject().put("group_name", task.groupName()).put("config", task.config().toJson())
        .put("total_num", task.totalNum()).put("handled_num", task.handledNum()).put("state", task.state().code())
        .put("last_error", task.lastError());
  }

  private static Optional<TaskStatus> status(Object value) {
    if (value == null || "".equals(value)) {
      return Optional.empty();
    }
    int code;
    try {
      code = value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("status must be 0 (all) or a state 1-4, not '" + value + "'");
    }
    if (code < 0 || code > 4) {
      throw ApiError.badRequest("status must be 0 (all) or a state 1-4, not " + code);
    }
    return code == 0 ? Optional.empty() : Optional.of(TaskStatus.of(code));
  }

  private static int query(RoutingContext rc, String name, int fallback, int min, int max) {
    String value = rc.request().getParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(name + " must be an integer within " + min + ".." + max);
  }
}
