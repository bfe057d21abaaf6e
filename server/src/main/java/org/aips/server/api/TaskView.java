package org.aips.server.api;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/**
 * A task as {@code GET /api/query-task} shows it: the seed's fields (spelling kept) plus the
 * extras documented in the contract. Times are epoch milliseconds.
 */
public final class TaskView {

  private TaskView() {
  }

  /** @param secondsPerQueuedTask estimated seconds each same-type task ahead adds to the wait */
  public static JsonObject of(Row row, double secondsPerQueuedTask, long now) {
    Long retention = millis(row.getOffsetDateTime("retention"));
    if (retention != null && retention <= now) {
      return new JsonObject().put("retention", retention).put("overdue", true);
    }
    String status = row.getString("status");
    boolean done = status.equals("done");
    long waiting = status.equals("waiting") ? (long) Math.ceil(row.getLong("ahead_same") * secondsPerQueuedTask) : 0;
    double budget = CleanNumbers.seconds(row.getFloat("time_budget"));
    return new JsonObject()
        .put("queueing", row.getLong("ahead"))
        .put("waiting", waiting)
        .put("queryCode", row.getString("query_code"))
        .put("proccessing", CleanNumbers.fraction(row.getFloat("proccessing")))
        .put("done", done)
        .put("completedTime", completedTime(row, status, waiting, budget, now))
        .put("quality", (int) row.getShort("quality"))
        .put("result", done ? row.getString("result_url") : null)
        .put("retention", retention)
        .put("overdue", false)
        .put("status", status)
        .put("taskType", row.getString("task_type"))
        .put("taskNo", row.getLong("task_no"))
        .put("processNo", row.getLong("process_no"))
        .put("vip", (int) row.getShort("vip"))
        .put("createdAt", millis(row.getOffsetDateTime("created_at")))
        .put("startAt", millis(row.getOffsetDateTime("start_at")))
        .put("doneAt", millis(row.getOffsetDateTime("done_at")))
        .put("estimateStartAt", status.equals("waiting") ? now + waiting * 1000 : millis(row.getOffsetDateTime("estimate_start_at")))
        .put("timeBudget", budget)
        .put("visitTimes", row.getInteger("visit_times"))
        .put("demandVisitTimes", row.getInteger("demand_visit_times"))
        .put("attempts", row.getInteger("attempts"))
        .put("error", row.getString("error"))
        .put("executedBy", row.getString("executed_by"))
        .put("contentType", done ? row.getString("result_content_type") : null);
  }

  /** When finished: the finish time. Otherwise the current estimate, from progress when there is some. */
  private static Long completedTime(Row row, String status, long waiting, double budget, long now) {
    Long doneAt = millis(row.getOffsetDateTime("done_at"));
    if (doneAt != null) {
      return doneAt;
    }
    if (status.equals("running")) {
      long startedAt = millis(row.getOffsetDateTime("start_at"));
      double progress = row.getFloat("proccessing");
      long elapsed = Math.max(0, now - startedAt);
      long remaining = progress >= 0.05 ? (long) (elapsed * (1 - progress) / progress) : Math.max(0, (long) (budget * 1000) - elapsed);
      return now + remaining;
    }
    return now + waiting * 1000 + (long) (budget * 1000);
  }

  private static Long millis(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toEpochMilli();
  }
}
