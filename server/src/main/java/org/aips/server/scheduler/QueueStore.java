package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's SQL: claims, completions, failures, leases. Every statement handles many tasks
 * at once. Only the completion waits for row locks; every other multi-row statement skips locked
 * rows (progress and lease renewal can wait for the next round), so statements cannot deadlock.
 * Locking sub-queries are MATERIALIZED: inlined into a nested loop, a {@code LIMIT n FOR UPDATE
 * SKIP LOCKED} would be re-run per outer row and lock far more than n rows.
 *
 * <p>Rows are addressed through {@code id = ANY(array)} so the planner always takes the primary key:
 * it cannot know how many rows a {@code LIMIT w.n} or an {@code unnest} yields, guesses 10% of the table
 * once statistics exist, and then hashes a sequential scan of the whole queue (measured: 170 ms instead
 * of 10 ms per claim of 512 with 200k tasks queued). Statements that address running tasks by id
 * write {@code status || '' = 'running'}: the plain comparison lets the planner pick the partial
 * lease index instead, which statistics taken before the drain show as nearly empty, while it holds
 * the dead entries of every task run since the last vacuum; checking thousands of ids against each of
 * them made a completion batch take seconds (measured: 4,096 completions in 3 s, down to 400 tasks/s).
 */
final class QueueStore {

  /**
   * Keeps queue_length (V2 migration) in step with tasks leaving or re-entering 'waiting'.
   * An upsert in task_type order (unlike UPDATE … FROM) locks the counter rows in a fixed order, so
   * concurrent statements cannot deadlock on them.
   */
  private static String queueLengthChange(String sign, String movedRows) {
    return """
        INSERT INTO queue_length AS q (task_type, waiting)
          SELECT task_type, %scount(*) FROM %s GROUP BY task_type ORDER BY task_type
          ON CONFLICT (task_type) DO UPDATE SET waiting = q.waiting + excluded.waiting""".formatted(sign, movedRows);
  }

  private static final String LEFT_QUEUE_CLAIMED = queueLengthChange("-", "claimed");
  private static final String REJOINED_QUEUE_FAILED = queueLengthChange("", "failed WHERE status = 'waiting'");
  private static final String REJOINED_QUEUE_RECOVERED = queueLengthChange("", "recovered WHERE status = 'waiting'");

  private static final String CLAIM = """
      WITH wanted AS (
        SELECT * FROM unnest($1::text[], $2::int[]) AS w(task_type, n)
      ), next AS MATERIALIZED (
        SELECT t.id FROM wanted w CROSS JOIN LATERAL (
          SELECT id FROM task
          WHERE status = 'waiting' AND task_type = w.task_type
          ORDER BY process_no, task_no
          LIMIT w.n
          FOR UPDATE SKIP LOCKED) t
      ), claimed AS (
        UPDATE task SET status = 'running', start_at = now(), attempts = attempts + 1, error = NULL,
          lease_owner = $3, lease_expires_at = now() + make_interval(secs => $4), proccessing = 0
        WHERE task.id = ANY(ARRAY(SELECT id FROM next))
        RETURNING task.id, task.task_type, task.attempts, task.quality, task.params, task.checkpoint,
          task.style_image_path, task.content_image_path
      ), counted AS (
        """ + LEFT_QUEUE_CLAIMED + """
      )
      SELECT * FROM claimed""";

  private static final String COMPLETE = """
      WITH u AS (
        SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
          AS u(id, attempt, result_path, content_type, result_json, node)
      ), done AS (
        UPDATE task t SET status = 'done', done_at = now(), proccessing = 1,
          result_path = u.result_path, result_content_type = u.content_type, result_json = u.result_json::jsonb,
          executed_by = u.node, result_url = '/api/task-result/' || t.query_code,
          retention = now() + make_interval(secs => t.keep_seconds), lease_owner = NULL, lease_expires_at = NULL
        FROM u WHERE t.id = ANY($1::bigint[]) AND t.id = u.id AND t.attempts = u.attempt AND t.status || '' = 'running'
        RETURNING t.id
      ), counted AS (
        UPDATE task_counter SET value = value + (SELECT count(*) FROM done) WHERE name = 'done'
      )
      SELECT id FROM done""";

  /** $3: may it run again; $4: max attempts; $5: 1 when this attempt should not count (no executor took it). */
  private static final String FAIL = """
      WITH failed AS (
        UPDATE task SET
          status = CASE WHEN $3 AND attempts - $5 < $4 THEN 'waiting' ELSE 'failed' END,
          done_at = CASE WHEN $3 AND attempts - $5 < $4 THEN NULL ELSE now() END,
          retention = CASE WHEN $3 AND attempts - $5 < $4 THEN NULL ELSE now() + make_interval(secs => keep_seconds) END,
          proccessing = CASE WHEN $3 AND attempts - $5 < $4 THEN 0 ELSE proccessing END,
          attempts = attempts - $5, error = $6, lease_owner = NULL, lease_expires_at = NULL
        WHERE id = $1 AND attempts = $2 AND status || '' = 'running'
        RETURNING task_type, status
      ), counted AS (
        """ + REJOINED_QUEUE_FAILED + """
      )
      SELECT status FROM failed""";

  private static final String RECOVER_ORPHANS = """
      WITH orphan AS MATERIALIZED (
        SELECT id FROM task
        WHERE status = 'running' AND (lease_expires_at < now() OR ($3 AND lease_owner IS DISTINCT FROM $2))
        FOR UPDATE SKIP LOCKED
      ), recovered AS (
      UPDATE task t SET
        status = CASE WHEN t.attempts < $1 THEN 'waiting' ELSE 'failed' END,
        done_at = CASE WHEN t.attempts < $1 THEN NULL ELSE now() END,
        retention = CASE WHEN t.attempts < $1 THEN NULL ELSE now() + make_interval(secs => t.keep_seconds) END,
        proccessing = CASE WHEN t.attempts < $1 THEN 0 ELSE t.proccessing END,
        error = 'lease expired: the node running the task stopped or lost contact',
        lease_owner = NULL, lease_expires_at = NULL
      FROM orphan WHERE t.id = orphan.id
      RETURNING t.id, t.task_type, t.status
      ), counted AS (
        """ + REJOINED_QUEUE_RECOVERED + """
      )
      SELECT id, status FROM recovered""";

  private static final String RENEW = """
      WITH mine AS MATERIALIZED (
        SELECT id FROM task WHERE id = ANY($3::bigint[]) AND status || '' = 'running' AND lease_owner = $1 FOR UPDATE SKIP LOCKED
      )
      UPDATE task t SET lease_expires_at = now() + make_interval(secs => $2) FROM mine WHERE t.id = mine.id""";

  private static final String PROGRESS = """
      WITH u AS (SELECT * FROM unnest($1::bigint[], $2::float8[]) AS u(id, p)),
      free AS MATERIALIZED (SELECT t.id, u.p FROM task t JOIN u ON t.id = u.id
        WHERE t.id = ANY($1::bigint[]) AND t.status || '' = 'running' FOR UPDATE OF t SKIP LOCKED)
      UPDATE task t SET proccessing = free.p::real FROM free WHERE t.id = free.id""";

  private static final String CHECKPOINT = """
      UPDATE task SET checkpoint = $3 WHERE id = $1 AND attempts = $2 AND status || '' = 'running'""";

  private static final String STATS = """
      INSERT INTO task_type_stats (task_type, runs, avg_seconds)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[])
      ON CONFLICT (task_type) DO UPDATE SET
        avg_seconds = task_type_stats.avg_seconds
          + (excluded.runs::float8 / (LEAST(task_type_stats.runs, 1000) + excluded.runs)) * (excluded.avg_seconds - task_type_stats.avg_seconds),
        runs = task_type_stats.runs + excluded.runs,
        updated_at = now()""";

  private final Pool pool;

  QueueStore(Pool pool) {
    this.pool = pool;
  }

  Future<RowSet<Row>> claim(Map<String, Integer> wanted, String owner, int leaseSeconds) {
    String[] types = wanted.keySet().toArray(String[]::new);
    Integer[] counts = wanted.values().toArray(Integer[]::new);
    return pool.preparedQuery(CLAIM).execute(Tuple.of(types, counts, owner, (double) leaseSeconds));
  }

  /** Marks finished runs done; returns the ids that were still theirs to finish. */
  Future<List<Long>> complete(List<Completion> completions) {
    int n = completions.size();
    Long[] ids = new Long[n];
    Integer[] attempts = new Integer[n];
    String[] paths = new String[n];
    String[] contentTypes = new String[n];
    String[] jsons = new String[n];
    String[] nodes = new String[n];
    for (int i = 0; i < n; i++) {
      Completion c = completions.get(i);
      ids[i] = c.id();
      attempts[i] = c.attempt();
      paths[i] = c.resultPath();
      contentTypes[i] = c.contentType();
      jsons[i] = c.resultJson() == null ? null : c.resultJson().encode();
      nodes[i] = c.node();
    }
    return pool.preparedQuery(COMPLETE).execute(Tuple.of(ids, attempts, paths, contentTypes, jsons, nodes))
        .map(rows -> {
          List<Long> done = new ArrayList<>(rows.size());
          rows.forEach(row -> done.add(row.getLong(0)));
          return done;
        });
  }

  /** Puts a failed run back in the queue or ends the task as failed; returns the new status, if it was still running. */
  Future<String> fail(long id, int attempt, boolean retryable, int maxAttempts, boolean countAttempt, String error) {
    return pool.preparedQuery(FAIL)
        .execute(Tuple.of(id, attempt, retryable, maxAttempts, countAttempt ? 0 : 1, error))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Frees tasks whose lease expired (or, with {@code takeOverAll}, every running task of another owner). */
  Future<RowSet<Row>> recoverOrphans(int maxAttempts, String owner, boolean takeOverAll) {
    return pool.preparedQuery(RECOVER_ORPHANS).execute(Tuple.of(maxAttempts, owner, takeOverAll));
  }

  Future<Void> renewLeases(String owner, int leaseSeconds, Collection<Long> ids) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(owner, (double) leaseSeconds, ids.toArray(Long[]::new))).mapEmpty();
  }

  Future<Void> saveProgress(Map<Long, Double> progress) {
    return pool.preparedQuery(PROGRESS)
        .execute(Tuple.of(progress.keySet().toArray(Long[]::new), (Object) progress.values().toArray(Double[]::new)))
        .mapEmpty();
  }

  Future<Boolean> saveCheckpoint(long id, int attempt, JsonObject state) {
    return pool.preparedQuery(CHECKPOINT).execute(Tuple.of(id, attempt, state)).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> saveStats(Map<String, double[]> runsAndAverage) {
    String[] types = runsAndAverage.keySet().toArray(String[]::new);
    Long[] runs = new Long[types.length];
    Double[] averages = new Double[types.length];
    for (int i = 0; i < types.length; i++) {
      double[] value = runsAndAverage.get(types[i]);
      runs[i] = (long) value[0];
      averages[i] = value[1];
    }
    return pool.preparedQuery(STATS).execute(Tuple.of(types, runs, averages)).mapEmpty();
  }
}
