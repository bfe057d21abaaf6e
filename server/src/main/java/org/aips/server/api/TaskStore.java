package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.QueueLength;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP side's SQL: inserting submissions in batches, reading, counting visits, cancelling. */
public final class TaskStore {

  /**
   * Inserts a batch and answers each task's place in one statement, and the estimated start written
   * with the row (an UPDATE afterwards would race with the scheduler finishing the same rows).
   * Tasks ahead = per type, tasks waiting (queue_waiting) − those behind it; plus those ahead of it in
   * the batch. Every earlier task has a lower taskNo, so the ones behind a new task have a processNo
   * between its own and its taskNo: at most vip × vipStep numbers to look at, however deep the queue.
   * Queue scans go type by type through task_queue's primary key (V3); the task row is queued there too.
   */
  private static final String INSERT = """
      WITH input AS (
        SELECT i.*, nextval('task_no_seq') AS task_no
        FROM unnest($1::text[], $2::smallint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::smallint[], $10::text[], $11::text[], $12::real[], $13::text[], $14::text[], $15::text[], $16::text[],
                    $17::text[], $18::int[], $19::float8[], $21::text[])
          WITH ORDINALITY AS i(task_type, vip, query_code, keep_seconds, inputs, owner, style_md5, content_md5,
                               quality, params, user_id, time_budget, channel, guide_code, token_hash, host, agent, demand,
                               seconds_per_task, webhook, ord)
        ORDER BY ord
      ), placed AS (
        SELECT input.*, task_no - vip * $20::bigint AS process_no FROM input
      ), ranked AS (
        SELECT p.*, queued.ahead + count(*) OVER (ORDER BY p.process_no, p.task_no
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ahead,
          queued.ahead_same + count(*) OVER (PARTITION BY p.task_type ORDER BY p.process_no, p.task_no
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ahead_same
        FROM placed p CROSS JOIN LATERAL (
          SELECT coalesce(sum(q.ahead), 0) AS ahead, coalesce(sum(q.ahead) FILTER (WHERE q.task_type = p.task_type), 0) AS ahead_same
          FROM (SELECT q.task_type, q.waiting - (SELECT count(*) FROM task_queue w WHERE w.task_type = q.task_type
                  AND w.process_no > p.process_no AND w.process_no < p.task_no) AS ahead
                FROM queue_waiting q) q) queued
      ), counted AS (
        """ + QueueLength.change("", "input") + """
      ), inserted AS (
        INSERT INTO task (task_type, task_no, vip, process_no, status, query_code, keep_seconds,
          owner, style_image_md5, content_image_md5, quality, params, user_id,
          time_budget, channel, guide_code, x_token_hash, host, agent, demand_visit_times, estimate_start_at, webhook)
        SELECT task_type, task_no, vip, process_no, 'waiting', query_code, keep_seconds,
          owner, style_md5, content_md5, quality, params::jsonb, user_id,
          time_budget, channel, guide_code, token_hash, host, agent, demand,
          now() + make_interval(secs => ahead_same * seconds_per_task), webhook
        FROM ranked
        RETURNING id, task_type, process_no, task_no, query_code, task_payload_bytes(params, NULL) AS bytes
      ), history AS (
        INSERT INTO task_event (task_id, event, state) SELECT id, 'submitted', 'waiting' FROM inserted
      ), queued AS (
        INSERT INTO task_queue (task_type, process_no, task_no, id, bytes) SELECT task_type, process_no, task_no, id, bytes FROM inserted
      ), named_inputs AS (
        INSERT INTO task_input (task_id, name, blob_key, size)
        SELECT t.id, blob.key, blob.value ->> 'key', (blob.value ->> 'size')::bigint
        FROM inserted t JOIN input i ON i.query_code = t.query_code CROSS JOIN LATERAL jsonb_each(i.inputs::jsonb) blob
        WHERE i.inputs IS NOT NULL
      )
      SELECT r.query_code, r.ahead, ceil(r.ahead_same * r.seconds_per_task)::bigint AS waiting, i.id
      FROM ranked r JOIN inserted i ON i.query_code = r.query_code ORDER BY r.ord""";

  /** A running task's run row (V3) overrides what the task row last recorded: status, start, attempt, progress, error. */
  private static final String COLUMNS = """
      t.id, t.task_type, t.task_no, t.vip, t.process_no, CASE WHEN r.id IS NULL THEN t.status ELSE 'running' END AS status,
      t.created_at, coalesce(r.start_at, t.start_at) AS start_at, t.done_at, t.query_code,
      t.retention, t.keep_seconds, t.quality, t.result_url, t.result_content_type,
      coalesce(r.proccessing, t.proccessing) AS proccessing, t.time_budget, t.estimate_start_at, t.demand_visit_times,
      t.visit_times, coalesce(r.attempt, t.attempts) AS attempts, t.executed_by, CASE WHEN r.id IS NULL THEN t.error END AS error, t.purged,
      coalesce(place.ahead, 0) AS ahead, coalesce(place.ahead_same, 0) AS ahead_same""";

  /**
   * A waiting task's place, type by type: that type's waiting count less the tasks behind it (and
   * itself) while fewer than queue.countLimit are behind (recent tasks, the usual case); otherwise the
   * tasks ahead, counted up to that limit (so a lower bound). The ORDER BY makes PostgreSQL walk
   * task_queue's primary key and stop at the limit.
   */
  private static final String FIND = "SELECT " + COLUMNS + """
       FROM task t
      LEFT JOIN task_run r ON r.id = t.id
      LEFT JOIN LATERAL (
        SELECT sum(a.n) AS ahead, sum(a.n) FILTER (WHERE a.task_type = t.task_type) AS ahead_same
        FROM queue_waiting q
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM task_queue w WHERE w.task_type = q.task_type
          AND (w.process_no, w.task_no) > (t.process_no, t.task_no) ORDER BY w.task_type, w.process_no, w.task_no LIMIT $3) c) behind
        CROSS JOIN LATERAL (SELECT q.task_type, CASE WHEN behind.n < $3 THEN q.waiting - behind.n - (q.task_type = t.task_type)::int
          ELSE (SELECT count(*) FROM (SELECT 1 FROM task_queue w WHERE w.task_type = q.task_type
            AND (w.process_no, w.task_no) < (t.process_no, t.task_no) ORDER BY w.task_type, w.process_no, w.task_no LIMIT $3) c) END AS n) a
        WHERE t.status = 'waiting' AND r.id IS NULL) place ON true
      WHERE t.query_code = $1 AND t.user_id = $2""";

  /**
   * Takes the task's queue row or run row first (the scheduler's lock order: queue/run row, then task
   * row), then ends the task. If a claim, retry or completion moved the task between this statement's
   * snapshot and its delete, neither delete finds a row: it answers 'raced' and is run again.
   */
  private static final String CANCEL = """
      WITH target AS MATERIALIZED (
        SELECT id, task_type, process_no, task_no FROM task WHERE query_code = $1 AND user_id = $2 AND status = 'waiting'
      ), unqueued AS (
        DELETE FROM task_queue q USING target WHERE q.task_type = target.task_type
          AND q.process_no = target.process_no AND q.task_no = target.task_no
        RETURNING q.id, 'waiting' AS previous, NULL::int AS attempt, NULL::timestamptz AS start_at, NULL::real AS proccessing
      ), stopped AS (
        DELETE FROM task_run r USING target WHERE r.id = target.id
        RETURNING r.id, 'running' AS previous, r.attempt, r.start_at, r.proccessing
      ), ended AS MATERIALIZED (
        SELECT * FROM unqueued UNION ALL SELECT * FROM stopped
      ), cancelled AS (
        UPDATE task t SET status = 'cancelled', done_at = now(), retention = now() + make_interval(secs => t.keep_seconds),
          attempts = coalesce(e.attempt, t.attempts), start_at = coalesce(e.start_at, t.start_at),
          proccessing = coalesce(e.proccessing, t.proccessing), error = 'cancelled by the client'
        FROM ended e WHERE t.id = e.id
        RETURNING t.id, t.task_type, t.retention, t.query_code, t.user_id, t.error AS detail, e.attempt, e.previous
      ), history AS (
        INSERT INTO task_event (task_id, event, state, attempt, detail) SELECT id, 'cancelled', 'cancelled', attempt, detail FROM cancelled
      ), expiring AS (
        INSERT INTO task_expiry (retention, ids) SELECT retention, ARRAY[id] FROM cancelled
      ), counted AS (
        """ + QueueLength.change("-", "cancelled WHERE previous = 'waiting'") + """
      )
      SELECT id, previous, query_code, task_type, user_id, attempt, detail FROM cancelled
      UNION ALL
      SELECT id, 'raced', NULL, NULL, NULL, NULL, NULL FROM target WHERE NOT EXISTS (SELECT 1 FROM ended)""";

  /** The task (owned by the user) and its transitions; no row when there is no such task. */
  private static final String HISTORY = """
      SELECT t.query_code, CASE WHEN EXISTS (SELECT 1 FROM task_run r WHERE r.id = t.id) THEN 'running' ELSE t.status END AS status,
        e.event, e.state, e.at, e.node, e.attempt, e.detail
      FROM task t LEFT JOIN task_event e ON e.task_id = t.id
      WHERE t.query_code = $1 AND t.user_id = $2
      ORDER BY e.at""";

  private static final String VISIT = """
      UPDATE task SET visit_times = visit_times + 1
      WHERE query_code = $1 AND user_id = $2 AND status = 'done' AND NOT purged AND retention > now()
        AND visit_times < demand_visit_times
      RETURNING result_path, result_content_type, result_json""";

  private final Pool pool;
  private final Pool batchPool;
  /** queue.countLimit: see {@link #FIND}. */
  private final int countLimit;

  /**
   * {@code pool} for everything but large insert batches: connected with {@link org.aips.server.db.DatabaseUrl#lookupOptions()};
   * {@code batchPool} for those, with {@link org.aips.server.db.DatabaseUrl#batchOptions()}.
   */
  public TaskStore(Pool pool, Pool batchPool, int countLimit) {
    this.pool = pool;
    this.batchPool = batchPool;
    this.countLimit = countLimit;
  }

  /** Inserts a batch in one statement (one commit), then reads each task's place in the queue. */
  public Future<List<Submitted>> insert(List<NewTask> tasks, int vipStep) {
    int n = tasks.size();
    Object[][] columns = {new String[n], new Short[n], new String[n], new Long[n], new String[n], new String[n], new String[n],
        new String[n], new Short[n], new String[n], new String[n], new Float[n], new String[n], new String[n], new String[n],
        new String[n], new String[n], new Integer[n], new Double[n], new String[n]};
    for (int i = 0; i < n; i++) {
      NewTask t = tasks.get(i);
      Object[] row = {t.taskType(), (short) t.vip(), t.queryCode(), t.keepSeconds(), t.inputs() == null ? null : t.inputs().encode(), t.owner(),
          t.styleImageMd5(), t.contentImageMd5(), (short) t.quality(), t.params().encode(), t.userId(), (float) t.timeBudget(),
          t.channel(), t.guideCode(), t.tokenHash(), t.host(), t.agent(), t.demandVisitTimes(), t.secondsPerQueuedTask(), t.webhook()};
      for (int c = 0; c < row.length; c++) {
        columns[c][i] = row[c];
      }
    }
    Tuple parameters = Tuple.tuple();
    for (int c = 0; c < columns.length - 1; c++) {
      parameters.addValue(columns[c]);
    }
    parameters.addValue((long) vipStep);
    parameters.addValue(columns[columns.length - 1]); // $21: webhook
    return (n <= DatabaseUrl.GENERIC_PLAN_MAX_ROWS ? pool : batchPool).preparedQuery(INSERT).execute(parameters).map(rows -> {
      List<Submitted> answers = new ArrayList<>(n);
      for (Row row : rows) {
        answers.add(new Submitted(row.getLong(1), row.getLong(2), row.getString(0), row.getLong(3)));
      }
      return answers;
    });
  }

  public Future<Optional<Row>> find(String queryCode, String userId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(queryCode, userId, (long) countLimit))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** {@code {queryCode, state, events: [{event, state, at, node, attempt, detail}]}}, or empty when the user has no such task. */
  public Future<Optional<JsonObject>> history(String queryCode, String userId) {
    return pool.preparedQuery(HISTORY).execute(Tuple.of(queryCode, userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      JsonArray events = new JsonArray();
      String state = null;
      for (Row row : rows) {
        state = row.getString("status");
        if (row.getString("event") != null) {
          events.add(new JsonObject().put("event", row.getString("event")).put("state", row.getString("state"))
              .put("at", row.getOffsetDateTime("at").toInstant().toEpochMilli()).put("node", row.getString("node"))
              .put("attempt", row.getInteger("attempt")).put("detail", row.getString("detail")));
        }
      }
      return Optional.of(new JsonObject().put("queryCode", queryCode).put("state", state).put("events", events));
    });
  }

  /** Counts one visit if the result may be served; empty when it may not (the caller finds out why). */
  Future<Optional<Row>> visit(String queryCode, String userId) {
    return pool.preparedQuery(VISIT).execute(Tuple.of(queryCode, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Cancels a waiting or running task; empty when there was nothing to cancel. */
  public Future<Optional<Row>> cancel(String queryCode, String userId) {
    return cancel(queryCode, userId, 3);
  }

  private Future<Optional<Row>> cancel(String queryCode, String userId, int tries) {
    return pool.preparedQuery(CANCEL).execute(Tuple.of(queryCode, userId)).compose(rows -> {
      Optional<Row> row = rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
      boolean raced = row.isPresent() && "raced".equals(row.get().getString("previous"));
      if (!raced) {
        return Future.succeededFuture(row);
      }
      return tries > 1 ? cancel(queryCode, userId, tries - 1) : Future.succeededFuture(Optional.empty());
    });
  }

  Future<Long> countWaiting() {
    return pool.query("SELECT coalesce(sum(waiting), 0)::bigint FROM queue_waiting").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Long> countDone() {
    return pool.query("SELECT value FROM tasks_done").execute().map(rows -> rows.iterator().next().getLong(0));
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
