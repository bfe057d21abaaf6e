package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP side's SQL: inserting submissions in batches, reading, counting visits, cancelling. */
final class TaskStore {

  /**
   * Inserts a batch and answers each task's place in one statement: tasks already waiting ahead of
   * it plus those ahead of it in the same batch, and the estimated start written with the row (an
   * UPDATE afterwards would race with the scheduler finishing the same rows).
   */
  private static final String INSERT = """
      WITH input AS (
        SELECT i.*, nextval('task_no_seq') AS task_no
        FROM unnest($1::text[], $2::smallint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::smallint[], $10::text[], $11::text[], $12::real[], $13::text[], $14::text[], $15::text[], $16::text[],
                    $17::text[], $18::int[], $19::float8[])
          WITH ORDINALITY AS i(task_type, vip, query_code, keep_seconds, style_path, content_path, style_md5, content_md5,
                               quality, params, user_id, time_budget, channel, guide_code, token_hash, host, agent, demand,
                               seconds_per_task, ord)
        ORDER BY ord
      ), placed AS (
        SELECT input.*, task_no - vip * $20::bigint AS process_no FROM input
      ), ranked AS (
        SELECT p.*,
          (SELECT count(*) FROM (SELECT 1 FROM task w WHERE w.status = 'waiting' AND (w.process_no, w.task_no) < (p.process_no, p.task_no) ORDER BY w.process_no, w.task_no LIMIT $21) c)
            + count(*) OVER (ORDER BY p.process_no, p.task_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ahead,
          (SELECT count(*) FROM (SELECT 1 FROM task w WHERE w.status = 'waiting' AND w.task_type = p.task_type
              AND (w.process_no, w.task_no) < (p.process_no, p.task_no) ORDER BY w.process_no, w.task_no LIMIT $21) c)
            + count(*) OVER (PARTITION BY p.task_type ORDER BY p.process_no, p.task_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
            AS ahead_same
        FROM placed p
      ), inserted AS (
        INSERT INTO task (task_type, task_no, vip, process_no, status, query_code, keep_seconds,
          style_image_path, content_image_path, style_image_md5, content_image_md5, quality, params, user_id,
          time_budget, channel, guide_code, x_token_hash, host, agent, demand_visit_times, estimate_start_at)
        SELECT task_type, task_no, vip, process_no, 'waiting', query_code, keep_seconds,
          style_path, content_path, style_md5, content_md5, quality, params::jsonb, user_id,
          time_budget, channel, guide_code, token_hash, host, agent, demand,
          now() + make_interval(secs => ahead_same * seconds_per_task)
        FROM ranked
      )
      SELECT query_code, ahead, ceil(ahead_same * seconds_per_task)::bigint AS waiting FROM ranked ORDER BY ord""";

  private static final String COLUMNS = """
      t.id, t.task_type, t.task_no, t.vip, t.process_no, t.status, t.created_at, t.start_at, t.done_at, t.query_code,
      t.retention, t.keep_seconds, t.quality, t.result_url, t.result_content_type, t.proccessing, t.time_budget,
      t.estimate_start_at, t.demand_visit_times, t.visit_times, t.attempts, t.executed_by, t.error, t.purged,
      CASE WHEN t.status = 'waiting' THEN (SELECT count(*) FROM (SELECT 1 FROM task w WHERE w.status = 'waiting'
        AND (w.process_no, w.task_no) < (t.process_no, t.task_no) ORDER BY w.process_no, w.task_no LIMIT $3) c) ELSE 0 END AS ahead,
      CASE WHEN t.status = 'waiting' THEN (SELECT count(*) FROM (SELECT 1 FROM task w WHERE w.status = 'waiting'
        AND w.task_type = t.task_type AND (w.process_no, w.task_no) < (t.process_no, t.task_no) ORDER BY w.process_no, w.task_no LIMIT $3) c) ELSE 0 END AS ahead_same""";

  private static final String FIND = "SELECT " + COLUMNS + " FROM task t WHERE t.query_code = $1 AND t.user_id = $2";

  private static final String CANCEL = """
      WITH target AS MATERIALIZED (
        SELECT id, status FROM task WHERE query_code = $1 AND user_id = $2 AND status IN ('waiting', 'running') FOR UPDATE
      )
      UPDATE task t SET status = 'cancelled', done_at = now(), retention = now() + make_interval(secs => t.keep_seconds),
        lease_owner = NULL, lease_expires_at = NULL, error = 'cancelled by the client'
      FROM target WHERE t.id = target.id
      RETURNING t.id, target.status AS previous""";

  private static final String VISIT = """
      UPDATE task SET visit_times = visit_times + 1
      WHERE query_code = $1 AND user_id = $2 AND status = 'done' AND NOT purged AND retention > now()
        AND visit_times < demand_visit_times
      RETURNING result_path, result_content_type, result_json""";

  private final Pool pool;
  /**
   * Tasks ahead are counted exactly up to this many (queue.countLimit): counting a deep queue costs
   * O(depth). The ORDER BY makes PostgreSQL walk the index and stop at the limit (a bitmap scan would
   * visit the whole queue first).
   */
  private final int countLimit;

  TaskStore(Pool pool, int countLimit) {
    this.pool = pool;
    this.countLimit = countLimit;
  }

  /** Inserts a batch in one statement (one commit), then reads each task's place in the queue. */
  Future<List<Submitted>> insert(List<NewTask> tasks, int vipStep) {
    int n = tasks.size();
    Object[][] columns = {new String[n], new Short[n], new String[n], new Long[n], new String[n], new String[n], new String[n],
        new String[n], new Short[n], new String[n], new String[n], new Float[n], new String[n], new String[n], new String[n],
        new String[n], new String[n], new Integer[n], new Double[n]};
    for (int i = 0; i < n; i++) {
      NewTask t = tasks.get(i);
      Object[] row = {t.taskType(), (short) t.vip(), t.queryCode(), t.keepSeconds(), t.styleImagePath(), t.contentImagePath(),
          t.styleImageMd5(), t.contentImageMd5(), (short) t.quality(), t.params().encode(), t.userId(), (float) t.timeBudget(),
          t.channel(), t.guideCode(), t.tokenHash(), t.host(), t.agent(), t.demandVisitTimes(), t.secondsPerQueuedTask()};
      for (int c = 0; c < row.length; c++) {
        columns[c][i] = row[c];
      }
    }
    Tuple parameters = Tuple.tuple();
    for (Object[] column : columns) {
      parameters.addValue(column);
    }
    parameters.addValue((long) vipStep);
    parameters.addValue((long) countLimit);
    return pool.preparedQuery(INSERT).execute(parameters).map(rows -> {
      List<Submitted> answers = new ArrayList<>(n);
      for (Row row : rows) {
        answers.add(new Submitted(row.getLong(1), row.getLong(2), row.getString(0)));
      }
      return answers;
    });
  }

  Future<Optional<Row>> find(String queryCode, String userId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(queryCode, userId, (long) countLimit))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Counts one visit if the result may be served; empty when it may not (the caller finds out why). */
  Future<Optional<Row>> visit(String queryCode, String userId) {
    return pool.preparedQuery(VISIT).execute(Tuple.of(queryCode, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Cancels a waiting or running task; empty when there was nothing to cancel. */
  Future<Optional<Row>> cancel(String queryCode, String userId) {
    return pool.preparedQuery(CANCEL).execute(Tuple.of(queryCode, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  Future<Long> countWaiting() {
    return pool.query("SELECT count(*) FROM task WHERE status = 'waiting'").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Long> countDone() {
    return pool.query("SELECT value FROM task_counter WHERE name = 'done'").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Measured mean run time per task type. */
  Future<Map<String, Double>> runTimes() {
    return pool.query("SELECT task_type, avg_seconds FROM task_type_stats").execute().map(rows -> {
      Map<String, Double> times = new HashMap<>();
      rows.forEach(row -> times.put(row.getString(0), row.getDouble(1)));
      return times;
    });
  }
}
