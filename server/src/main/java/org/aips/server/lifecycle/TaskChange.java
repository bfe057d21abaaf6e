package org.aips.server.lifecycle;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.spi.TaskState;

/**
 * One thing that happened to a task, published in a {@link TaskChanges} batch on
 * {@link org.aips.server.bus.Addresses#TASK_EVENTS} after the statement that recorded it committed
 * (progress is published, not recorded). Consumers: the console's live view, metrics, webhooks.
 * docs/architecture.md describes the message.
 */
public record TaskChange(long id, String queryCode, String taskType, String userId, String event, TaskState state,
                         String node, Integer attempt, Double proccessing, Long runMillis, String code, String detail) {

  /** The event name of a progress report: not a transition, the state stays running. */
  public static final String PROGRESS = "progress";

  /**
   * A transition from a statement's returned row, which has the columns {@code id, query_code,
   * task_type, user_id} and, where the statement knows them, {@code node, attempt, detail}.
   */
  public static TaskChange of(Row row, TaskTransition transition, TaskState state) {
    return new TaskChange(row.getLong("id"), row.getString("query_code"), row.getString("task_type"), row.getString("user_id"),
        transition.wireName(), state, column(row, "node"), row.getColumnIndex("attempt") < 0 ? null : row.getInteger("attempt"),
        null, null, null, column(row, "detail"));
  }

  public TaskChange withRun(Double proccessing, Long runMillis, String code) {
    return new TaskChange(id, queryCode, taskType, userId, event, state, node, attempt, proccessing, runMillis, code, detail);
  }

  /** {@code at}: when it was published (epoch ms). */
  public JsonObject toJson(long at) {
    return new JsonObject().put("id", id).put("queryCode", queryCode).put("taskType", taskType).put("userId", userId)
        .put("event", event).put("state", TaskTransition.wireName(state)).put("at", at)
        .put("node", node).put("attempt", attempt).put("proccessing", proccessing).put("runMillis", runMillis)
        .put("code", code).put("detail", detail);
  }

  static TaskChange fromJson(JsonObject json) {
    return new TaskChange(json.getLong("id"), json.getString("queryCode"), json.getString("taskType"), json.getString("userId"),
        json.getString("event"), TaskTransition.state(json.getString("state")), json.getString("node"), json.getInteger("attempt"),
        json.getDouble("proccessing"), json.getLong("runMillis"), json.getString("code"), json.getString("detail"));
  }

  private static String column(Row row, String name) {
    return row.getColumnIndex(name) < 0 ? null : row.getString(name);
  }
}
