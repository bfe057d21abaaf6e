package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.QueueLength;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's SQL: claims, completions, failures, leases. Every statement handles many tasks
 * at once. Waiting tasks are rows of the narrow {@code task_queue}, running ones rows of
 * {@code task_run} (V3 migration); the wide task row is written once, when a run ends. Every
 * statement takes the queue or run row before the task row (so does the cancel), and only the
 * completion waits for row locks; the other multi-row statements skip locked rows (progress and
 * lease renewal can wait for the next round), so statements cannot deadlock.
 * Locking sub-queries are MATERIALIZED: inlined into a nested loop, a {@code LIMIT n FOR UPDATE
 * SKIP LOCKED} would be re-run per outer row and lock far more than n rows.
 *
 * <p>Rows are addressed through {@code = ANY(array)} (by id, or by ctid for rows just locked) so
 * the planner takes an index or TID scan: it cannot know how many rows a {@code LIMIT w.n} or an
 * {@code unnest} yields, and then hashes a sequential scan of the whole table (measured: 170 ms
 * instead of 10 ms per claim of 512 with 200k tasks queued). Task rows are joined to the run rows a
 * statement just deleted by {@code t.id = e.id} alone: a nested loop over the primary key, whatever
 * the planner guesses the number of those rows to be.
 */
final class QueueStore {

  /** Deadlines for the sweeper: one task_expiry row per deadline (V3), for all the ended tasks that share it. */
  private static String expiry(String endedRows) {
    return "INSERT INTO task_expiry (retention, ids) SELECT retention, array_agg(id) FROM %s GROUP BY retention".formatted(endedRows);
  }

  /**
   * What every statement that ends runs without a result does with the task rows it changed
   * ({@code ended}: id, task_type, process_no, task_no, status, retention, not_before, attempt,
   * detail, bytes): records the transition (retried or failed), then back into the queue if 'waiting'
   * (not claimed before not_before), else the retention deadline for the sweeper.
   */
  private static final String REQUEUE_OR_EXPIRE = """
      history AS (
        INSERT INTO task_event (task_id, event, state, attempt, detail)
        SELECT id, CASE WHEN status = 'waiting' THEN 'retried' ELSE 'failed' END, status, attempt, detail FROM ended
      ), requeued AS (
        INSERT INTO task_queue (task_type, process_no, task_no, id, not_before, bytes)
        SELECT task_type, process_no, task_no, id, not_before, bytes FROM ended WHERE status = 'waiting'
      ), expiring AS (
        """ + expiry("ended WHERE status <> 'waiting'") + """
      ), counted AS (
        """ + QueueLength.change("", "ended WHERE status = 'waiting'") + """
      )""";

  /**
   * Locks up to n waiting tasks of each wanted type, then keeps them while the bytes of params and
   * checkpoint before each stay under the budget ($5; the first task always), types taking turns
   * (the 1st task of each type, then the 2nd...). The rest stay queued: their locks end with the
   * statement. claim_bytes, on every row, tells the claimer whether the budget cut the claim.
   * Window functions cannot share a query level with FOR UPDATE, hence the two steps.
   */
  private static final String CLAIM = """
      WITH wanted AS (
        SELECT * FROM unnest($1::text[], $2::int[]) AS w(task_type, n)
      ), next AS MATERIALIZED (
        SELECT w.task_type, q.* FROM wanted w CROSS JOIN LATERAL (
          SELECT ctid AS row, bytes, process_no, task_no FROM task_queue
          WHERE task_type = w.task_type AND (not_before IS NULL OR not_before <= now())
          ORDER BY process_no, task_no
          LIMIT w.n
          FOR UPDATE SKIP LOCKED) q
      ), within AS MATERIALIZED (
        SELECT row, bytes FROM (
          SELECT row, bytes, sum(bytes) OVER (ORDER BY turn, task_type ROWS UNBOUNDED PRECEDING) - bytes AS before
          FROM (SELECT row, bytes, task_type, row_number() OVER (PARTITION BY task_type ORDER BY process_no, task_no) AS turn
                FROM next) n) b
        WHERE before < $5
      ), taken AS MATERIALIZED (
        DELETE FROM task_queue q WHERE q.ctid = ANY(ARRAY(SELECT row FROM within))
        RETURNING q.id, q.task_type
      ), claimed AS MATERIALIZED (
        SELECT t.id, t.task_type, t.attempts + 1 AS attempts, t.quality, NULLIF(t.params, '{}') AS params, t.checkpoint,
          (SELECT jsonb_object_agg(i.name, jsonb_build_object('key', i.blob_key, 'size', i.size))
             FROM task_input i WHERE i.task_id = t.id) AS inputs,
          t.owner, t.query_code, t.user_id
        FROM task t WHERE t.id = ANY(ARRAY(SELECT id FROM taken)) AND t.status = 'waiting'
      ), leased AS (
        INSERT INTO task_run (id, task_type, attempt, owner, expires_at, start_at)
        SELECT id, task_type, attempts, $3, now() + make_interval(secs => $4), now() FROM claimed
      ), history AS (
        INSERT INTO task_event (task_id, event, state, node, attempt) SELECT id, 'claimed', 'running', $3, attempts FROM claimed
      ), counted AS (
        """ + QueueLength.change("-", "taken") + """
      )
      SELECT *, (SELECT sum(bytes) FROM within) AS claim_bytes FROM claimed""";

  /** Ends the runs that are still theirs to end (same attempt); the task rows follow. */
  private static final String COMPLETE = """
      WITH u AS (
        SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
          AS u(id, attempt, result_path, content_type, result_json, node)
      ), ended AS MATERIALIZED (
        DELETE FROM task_run r USING u WHERE r.id = ANY($1::bigint[]) AND r.id = u.id AND r.attempt = u.attempt
        RETURNING r.id, r.attempt, r.start_at, u.result_path, u.content_type, u.result_json, u.node
      ), done AS (
        UPDATE task t SET status = 'done', attempts = e.attempt, start_at = e.start_at, done_at = now(), proccessing = 1,
          error = NULL, result_path = e.result_path, result_content_type = e.content_type, result_json = e.result_json::jsonb,
          executed_by = e.node, result_url = '/api/task-result/' || t.query_code,
          retention = now() + make_interval(secs => t.keep_seconds)
        FROM ended e WHERE t.id = e.id
        RETURNING t.id, t.retention, t.query_code, t.task_type, t.user_id, e.attempt, e.node
      ), history AS (
        INSERT INTO task_event (task_id, event, state, node, attempt) SELECT id, 'completed', 'done', node, attempt FROM done
      ), expiring AS (
        """ + expiry("done") + """
      ), counted AS (
        INSERT INTO task_counter AS c (name, shard, value) SELECT 'done', counter_shard(), count(*) FROM done
        ON CONFLICT (name, shard) DO UPDATE SET value = c.value + excluded.value
      )
      SELECT id, query_code, task_type, user_id, attempt, node FROM done""";

  /**
   * $3: may it run again; $4: max attempts; $5: 1 when this attempt should not count (no executor
   * took it, its service was not up, the node handed it back at shutdown); $7: seconds before it
   * may be claimed again.
   */
  private static final String FAIL = """
      WITH run AS MATERIALIZED (
        DELETE FROM task_run WHERE id = $1 AND attempt = $2 RETURNING id, attempt - $5 AS attempts, start_at, proccessing
      ), ended AS (
        UPDATE task t SET
          status = CASE WHEN $3 AND r.attempts - t.attempt_floor < $4 THEN 'waiting' ELSE 'failed' END,
          done_at = CASE WHEN $3 AND r.attempts - t.attempt_floor < $4 THEN NULL ELSE now() END,
          retention = CASE WHEN $3 AND r.attempts - t.attempt_floor < $4 THEN NULL ELSE now() + make_interval(secs => t.keep_seconds) END,
          proccessing = CASE WHEN $3 AND r.attempts - t.attempt_floor < $4 THEN 0 ELSE r.proccessing END,
          attempts = r.attempts, start_at = r.start_at, error = $6
        FROM run r WHERE t.id = r.id
        RETURNING t.id, t.task_type, t.process_no, t.task_no, t.status, t.retention, t.owner, t.query_code, t.user_id,
          $2 AS attempt, $6 AS detail, now() + make_interval(secs => $7) AS not_before,
          task_payload_bytes(t.params, t.checkpoint) AS bytes
      ), """ + REQUEUE_OR_EXPIRE + """
      SELECT status, id, query_code, task_type, user_id, attempt, detail FROM ended""";

  private static final String RECOVER_ORPHANS = """
      WITH orphan AS MATERIALIZED (
        SELECT ctid AS row FROM task_run
        WHERE expires_at < now() OR ($3 AND owner IS DISTINCT FROM $2)
        FOR UPDATE SKIP LOCKED
      ), run AS MATERIALIZED (
        DELETE FROM task_run r WHERE r.ctid = ANY(ARRAY(SELECT row FROM orphan))
        RETURNING r.id, r.attempt, r.start_at, r.proccessing
      ), ended AS (
        UPDATE task t SET
          status = CASE WHEN r.attempt - t.attempt_floor < $1 THEN 'waiting' ELSE 'failed' END,
          done_at = CASE WHEN r.attempt - t.attempt_floor < $1 THEN NULL ELSE now() END,
          retention = CASE WHEN r.attempt - t.attempt_floor < $1 THEN NULL ELSE now() + make_interval(secs => t.keep_seconds) END,
          proccessing = CASE WHEN r.attempt - t.attempt_floor < $1 THEN 0 ELSE r.proccessing END,
          attempts = r.attempt, start_at = r.start_at,
          error = 'lease expired: the node running the task stopped or lost contact'
        FROM run r WHERE t.id = r.id
        RETURNING t.id, t.task_type, t.process_no, t.task_no, t.status, t.retention, t.owner, t.query_code, t.user_id,
          r.attempt, t.error AS detail,
          now() + make_interval(secs => least($4, $5 * power(2, greatest(0, r.attempt - t.attempt_floor - 1))) * (0.5 + random())) AS not_before,
          task_payload_bytes(t.params, t.checkpoint) AS bytes
      ), """ + REQUEUE_OR_EXPIRE + """
      SELECT id, status, task_type, owner, query_code, user_id, attempt, detail FROM ended""";

  /**
   * Takes over the leases of runs that are still what they were (same attempt) when their scheduler
   * went; waits for a recovery that holds one of them (it then finds the run gone, rightly).
   */
  private static final String ADOPT = """
      WITH u AS (SELECT * FROM unnest($1::bigint[], $2::int[]) AS u(id, attempt)),
      taken AS (
        UPDATE task_run r SET owner = $3, expires_at = now() + make_interval(secs => $4)
        FROM u WHERE r.id = ANY($1::bigint[]) AND r.id = u.id AND r.attempt = u.attempt
        RETURNING r.id, r.attempt
      )
      SELECT t.id, t.task_type, a.attempt, t.owner, t.query_code, t.user_id FROM taken a JOIN task t ON t.id = a.id""";

  private static final String RENEW = """
      WITH mine AS MATERIALIZED (
        SELECT ctid AS row FROM task_run WHERE id = ANY($3::bigint[]) AND owner = $1 FOR UPDATE SKIP LOCKED
      )
      UPDATE task_run SET expires_at = now() + make_interval(secs => $2) WHERE ctid = ANY(ARRAY(SELECT row FROM mine))""";

  private static final String PROGRESS = """
      WITH u AS (SELECT * FROM unnest($1::bigint[], $2::float8[]) AS u(id, p)),
      free AS MATERIALIZED (SELECT r.id, u.p FROM task_run r JOIN u ON r.id = u.id
        WHERE r.id = ANY($1::bigint[]) FOR UPDATE OF r SKIP LOCKED)
      UPDATE task_run r SET proccessing = free.p::real FROM free WHERE r.id = free.id""";

  /** Takes the run row first (key share: a completion waits for it), then writes the task row. */
  private static final String CHECKPOINT = """
      WITH run AS MATERIALIZED (SELECT id FROM task_run WHERE id = $1 AND attempt = $2 FOR KEY SHARE)
      UPDATE task t SET checkpoint = $3 FROM run WHERE t.id = run.id""";

  private static final String STATS = """
      INSERT INTO task_type_stats (task_type, runs, avg_seconds)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[])
      ON CONFLICT (task_type) DO UPDATE SET
        avg_seconds = task_type_stats.avg_seconds
          + (excluded.runs::float8 / (LEAST(task_type_stats.runs, 1000) + excluded.runs)) * (excluded.avg_seconds - task_type_stats.avg_seconds),
        runs = task_type_stats.runs + excluded.runs,
        updated_at = now()""";

  private final Pool pool;
  private final Pool claimPool;
  private final Pool lookupPool;

  /**
   * @param pool       batches planned for their arrays (connected with {@code plan_cache_mode = force_custom_plan})
   * @param claimPool  claims only, one at a time (connected with {@link org.aips.server.db.DatabaseUrl#claimOptions()})
   * @param lookupPool completions of up to {@link DatabaseUrl#GENERIC_PLAN_MAX_ROWS} tasks (connected with
   *                   {@link org.aips.server.db.DatabaseUrl#lookupOptions()}): while tasks trickle in, completions come a
   *                   few at a time, and planning such a statement anew took longer than running it (0.8 against 0.56 ms)
   */
  QueueStore(Pool pool, Pool claimPool, Pool lookupPool) {
    this.pool = pool;
    this.claimPool = claimPool;
    this.lookupPool = lookupPool;
  }

  /** Claims up to {@code wanted} tasks per type, stopping at {@code maxBytes} of params and checkpoints (at least one task). */
  Future<RowSet<Row>> claim(Map<String, Integer> wanted, String owner, int leaseSeconds, long maxBytes) {
    String[] types = wanted.keySet().toArray(String[]::new);
    Integer[] counts = wanted.values().toArray(Integer[]::new);
    return claimPool.preparedQuery(CLAIM).execute(Tuple.of(types, counts, owner, (double) leaseSeconds, maxBytes));
  }

  /** Marks finished runs done; returns the rows of those that were still theirs to finish (id, query_code, task_type, user_id, attempt, node). */
  Future<RowSet<Row>> complete(List<Completion> completions) {
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
    return (n <= DatabaseUrl.GENERIC_PLAN_MAX_ROWS ? lookupPool : pool).preparedQuery(COMPLETE)
        .execute(Tuple.of(ids, attempts, paths, contentTypes, jsons, nodes));
  }

  /**
   * Puts a failed run back in the queue or ends the task as failed; returns the task's row (status,
   * id, query_code, task_type, user_id, attempt, detail) if the run was still its to end.
   */
  Future<Optional<Row>> fail(long id, int attempt, boolean retryable, int maxAttempts, boolean countAttempt, String error, double delaySeconds) {
    return pool.preparedQuery(FAIL)
        .execute(Tuple.of(id, attempt, retryable, maxAttempts, countAttempt ? 0 : 1, error, delaySeconds))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /**
   * Frees tasks whose lease expired (or, with {@code takeOverAll}, every running task of another
   * owner); each waits out its back-off ({@code backoff}: base and cap in seconds) before it runs again.
   */
  Future<RowSet<Row>> recoverOrphans(int maxAttempts, String owner, boolean takeOverAll, RetryBackoff backoff) {
    return pool.preparedQuery(RECOVER_ORPHANS)
        .execute(Tuple.of(maxAttempts, owner, takeOverAll, backoff.maxSeconds(), backoff.baseSeconds()));
  }

  /** The runs whose leases this scheduler now holds (id, task_type, attempt, owner, query_code, user_id). */
  Future<RowSet<Row>> adopt(Long[] ids, Integer[] attempts, String owner, int leaseSeconds) {
    return pool.preparedQuery(ADOPT).execute(Tuple.of(ids, attempts, owner, (double) leaseSeconds));
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
