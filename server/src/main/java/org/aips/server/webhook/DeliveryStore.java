package org.aips.server.webhook;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The SQL of webhook deliveries (V7): handing ended tasks' webhooks over, claiming due deliveries, recording attempts. */
final class DeliveryStore {

  /**
   * Ended tasks still holding a webhook become deliveries; the task's column is cleared so the partial
   * index forgets them. {@code WHICH} picks the candidates: the tasks just ended (a primary-key lookup
   * each) or, for a catch-up, every task that holds a webhook (the partial index: waiting and running ones
   * included, filtered). Two statements, not one with an "all when null" condition: PostgreSQL plans
   * that for both cases at once and, on statistics that do not show how few tasks hold a webhook (an
   * analyzed empty table), scanned the whole task table each time (6.8 ms a sweep, every 50 ms while
   * tasks complete).
   */
  private static final String HAND_OVER = """
      WITH ended AS (
        SELECT id, webhook FROM task
        WHERE WHICH AND webhook IS NOT NULL AND status IN ('done', 'failed', 'cancelled')
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
      ), cleared AS (
        UPDATE task t SET webhook = NULL FROM ended WHERE t.id = ended.id
      )
      INSERT INTO webhook_delivery (task_id, url, message_id)
      SELECT id, webhook, 'msg_' || replace(gen_random_uuid()::text, '-', '') FROM ended
      ON CONFLICT (task_id) DO NOTHING""";
  private static final String HAND_OVER_ENDED = HAND_OVER.replace("WHICH", "id = ANY($2::bigint[])");
  private static final String HAND_OVER_ALL = HAND_OVER.replace("WHICH", "true");

  /**
   * Claims due deliveries by moving their next attempt past this one's lease, and reads each task as
   * query-task shows it (an ended task has no place in the queue: ahead 0).
   */
  private static final String CLAIM = """
      WITH claimed AS (
        UPDATE webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
        FROM (SELECT task_id FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= now()
              ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE d.task_id = due.task_id
        RETURNING d.task_id, d.url, d.message_id, d.attempts AS delivery_attempts, d.created_at AS delivery_created_at
      )
      SELECT c.*, t.id, t.task_type, t.task_no, t.vip, t.process_no, t.status, t.created_at, t.start_at, t.done_at,
        t.query_code, t.retention, t.keep_seconds, t.quality, t.result_url, t.result_content_type, t.proccessing,
        t.time_budget, t.estimate_start_at, t.demand_visit_times, t.visit_times, t.attempts,
        t.executed_by, t.error, t.purged, 0::bigint AS ahead, 0::bigint AS ahead_same
      FROM claimed c JOIN task t ON t.id = c.task_id""";

  private static final String DELIVERED = """
      UPDATE webhook_delivery SET state = 'delivered', ended_at = now(), last_status = $2, last_error = NULL
      WHERE task_id = $1""";

  private static final String FAILED = """
      UPDATE webhook_delivery SET state = CASE WHEN $3 THEN 'given_up' ELSE 'pending' END,
        next_attempt_at = now() + make_interval(secs => $2), ended_at = CASE WHEN $3 THEN now() END,
        last_status = $4, last_error = $5
      WHERE task_id = $1""";

  private static final String FORGET = """
      DELETE FROM webhook_delivery WHERE state <> 'pending' AND ended_at < now() - make_interval(secs => $1)""";

  private final Pool pool;

  DeliveryStore(Pool pool) {
    this.pool = pool;
  }

  /** @param ended ids of tasks that just ended; null: look at every task holding a webhook */
  Future<Integer> handOver(int limit, Long[] ended) {
    if (ended != null && ended.length == 0) {
      return Future.succeededFuture(0);
    }
    return (ended == null ? pool.preparedQuery(HAND_OVER_ALL).execute(Tuple.of(limit))
        : pool.preparedQuery(HAND_OVER_ENDED).execute(Tuple.of(limit).addArrayOfLong(ended))).map(RowSet::rowCount);
  }

  Future<List<Row>> claim(int limit, double leaseSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseSeconds)).map(rows -> {
      List<Row> claimed = new ArrayList<>();
      rows.forEach(claimed::add);
      return claimed;
    });
  }

  Future<Void> delivered(long taskId, int status) {
    return pool.preparedQuery(DELIVERED).execute(Tuple.of(taskId, status)).mapEmpty();
  }

  Future<Void> failed(long taskId, double retryInSeconds, boolean giveUp, Integer status, String error) {
    return pool.preparedQuery(FAILED).execute(Tuple.of(taskId, retryInSeconds, giveUp, status, error)).mapEmpty();
  }

  Future<Integer> forget(long keepSeconds) {
    return pool.preparedQuery(FORGET).execute(Tuple.of((double) keepSeconds)).map(RowSet::rowCount);
  }
}
