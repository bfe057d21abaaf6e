package org.aips.plugins.vcs.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.vcs.task.ComputeTasks;
import org.aips.plugins.vcs.task.EventStore;
import org.aips.plugins.vcs.task.VcsError;

import java.util.List;

/**
 * What the seed cannot read: a task's events (paged, by device, model and time), their
 * thumbnails, and an export of them all as CSV or JSON lines, written page by page.
 */
final class ResultRoutes {

  private static final int MAX_PAGE = 500;
  private static final int EXPORT_PAGE = 500;

  private final ComputeTasks tasks;
  private final EventStore events;

  ResultRoutes(ComputeTasks tasks, EventStore events) {
    this.tasks = tasks;
    this.events = events;
  }

  void results(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject() == null ? new JsonObject() : rc.body().asJsonObject();
    int pageNo = body.getInteger("pageNo", 1);
    int pageSize = body.getInteger("pageSize", 20);
    if (pageNo < 1 || pageSize < 1 || pageSize > MAX_PAGE) {
      Envelope.fail(rc, VcsError.INVALID_PARAMETER.exception("pageNo must be at least 1 and pageSize within 1.." + MAX_PAGE));
      return;
    }
    Envelope.answer(rc, TaskRoutes.taskId(rc).compose(tasks::stored).compose(task -> {
      EventStore.Filter filter = new EventStore.Filter(task.taskId(), strings(body.getJsonArray("deviceIds")), strings(body.getJsonArray("models")),
          body.getLong("startTime", 0L), body.getLong("endTime", Long.MAX_VALUE));
      return events.count(filter).compose(total -> events.page(filter, (pageNo - 1) * pageSize, pageSize, body.getBoolean("withDescriptor", false))
          .map(page -> new JsonObject().put("taskId", task.taskId()).put("total", total).put("pageNo", pageNo).put("pageSize", pageSize)
              .put("results", new JsonArray(page.stream().map(e -> withThumbnailUrl(rc, task.taskId(), e)).toList()))));
    }));
  }

  void thumbnail(RoutingContext rc) {
    long eventId;
    try {
      eventId = Long.parseLong(rc.pathParam("eventId"));
    } catch (NumberFormatException e) {
      Envelope.fail(rc, VcsError.EVENT_NOT_FOUND.exception("no event " + rc.pathParam("eventId")));
      return;
    }
    events.thumbnail(rc.pathParam("taskId"), eventId).onSuccess(found -> {
      if (found.isEmpty()) {
        Envelope.fail(rc, VcsError.EVENT_NOT_FOUND.exception("no thumbnail for event " + eventId + " of task " + rc.pathParam("taskId")));
      } else {
        rc.response().putHeader("content-type", "image/jpeg").end(found.get());
      }
    }).onFailure(e -> Envelope.fail(rc, e));
  }

  /** {@code ?taskId=…&format=csv|json}: every event of the task, oldest first (JSON: one object a line). */
  void export(RoutingContext rc) {
    String taskId = rc.queryParams().get("taskId");
    boolean csv = !"json".equals(rc.queryParams().get("format"));
    if (taskId == null) {
      Envelope.fail(rc, VcsError.INVALID_PARAMETER.exception("taskId is required"));
      return;
    }
    tasks.stored(taskId).onFailure(e -> Envelope.fail(rc, e)).onSuccess(task -> {
      rc.response().setChunked(true).putHeader("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
          .putHeader("content-disposition", "attachment; filename=\"" + taskId + (csv ? ".csv" : ".jsonl") + "\"");
      if (csv) {
        rc.response().write("eventId,deviceId,trackId,model,startTime,endTime,bestTime,x,y,width,height,score,frames,identityTag,similarity\n");
      }
      writePages(rc, new EventStore.Filter(taskId, null, null, 0, Long.MAX_VALUE), 0, csv);
    });
  }

  private void writePages(RoutingContext rc, EventStore.Filter filter, int offset, boolean csv) {
    events.page(filter, offset, EXPORT_PAGE, !csv).onFailure(e -> rc.response().reset()).onSuccess(page -> {
      StringBuilder out = new StringBuilder();
      for (JsonObject e : page) {
        out.append(csv ? csvLine(e) : e.encode()).append('\n');
      }
      rc.response().write(out.toString());
      if (page.size() < EXPORT_PAGE) {
        rc.response().end();
      } else {
        writePages(rc, filter, offset + EXPORT_PAGE, csv);
      }
    });
  }

  private static String csvLine(JsonObject e) {
    JsonObject box = e.getJsonObject("box");
    JsonObject identity = e.getJsonObject("identity");
    // device ids and tags come from clients: quote them so a comma cannot shift the columns
    return String.join(",", e.getString("eventId"), quoted(e.getString("deviceId")), e.getString("trackId"), e.getString("model"),
        e.getLong("startTime").toString(), e.getLong("endTime").toString(), e.getLong("bestTime").toString(), box.getValue("x").toString(),
        box.getValue("y").toString(), box.getValue("width").toString(), box.getValue("height").toString(), e.getValue("score").toString(),
        e.getInteger("frames").toString(), identity == null ? "" : quoted(identity.getString("tag", "")),
        identity == null ? "" : identity.getValue("similarity").toString());
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static JsonObject withThumbnailUrl(RoutingContext rc, String taskId, JsonObject event) {
    return event.put("thumbnailUrl", rc.mountPoint() == null ? "" : rc.mountPoint().replaceAll("/$", "") + VcsApi.TASK + "thumbnail/" + taskId + "/" + event.getString("eventId"));
  }

  private static List<String> strings(JsonArray array) {
    return array == null || array.isEmpty() ? null : array.stream().map(String::valueOf).toList();
  }
}
