package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.aips.server.db.QueueLength;

import java.util.Optional;

/**
 * The SQL of the host's task API: a plugin's tasks by id (query code) and owner, stop, start and
 * cancel. Lock order as everywhere (docs/architecture.md): the queue or run row, then the task row.
 */
public final class PluginTaskStore {

  private static final String COLUMNS = """
      SELECT t.id, t.query_code, t.task_type, CASE WHEN r.id IS NULL THEN t.status ELSE 'running' END AS status,
        coalesce(r.proccessing, t.proccessing) AS proccessing, coalesce(r.attempt, t.attempts) AS attempts,
        CASE WHEN r.id IS NULL THEN t.error END AS error, t.checkpoint, t.result_json, t.result_path, t.created_at, t.done_at
      FROM task t LEFT JOIN task_run r ON r.id = t.id""";

  private static final String FIND = COLUMNS + " WHERE t.owner = $1 AND t.query_code = $2";

  private static final String LIST = "SELECT * FROM (" + COLUMNS + " WHERE t.owner = $1) s WHERE $2::text IS NULL OR s.status = $2 ORDER BY s.id";

  /**
   * Ends a waiting or running task as $3 ('stopped' or 'cancelled': the transition and the state
   * have the same name), or a stopped one as cancelled.
   * A running task's run row goes, so whatever its executor reports later (a result, a checkpoint)
   * is refused. 'raced': a claim or completion moved the task meanwhile; run the statement again.
   */
  private static final String HALT = """
      WITH target AS MATERIALIZED (
        SELECT id, task_type, process_no, task_no, status FROM task
        WHERE query_code = $1 AND owner = $2 AND (status = 'waiting' OR (status = 'stopped' AND $3::text = 'cancelled'))
      ), unqueued AS (
        DELETE FROM task_queue q USING target WHERE target.status = 'waiting' AND q.task_type = target.task_type
          AND q.process_no = target.process_no AND q.task_no = target.task_no
        RETURNING q.id, 'waiting' AS previous, NULL::int AS attempt, NULL::timestamptz AS start_at, NULL::real AS proccessing
      ), halted AS (
        DELETE FROM task_run r USING target WHERE target.status = 'waiting' AND r.id = target.id
        RETURNING r.id, 'running' AS previous, r.attempt, r.start_at, r.proccessing
      ), parked AS (
        SELECT id, 'stopped' AS previous, NULL::int AS attempt, NULL::timestamptz AS start_at, NULL::real AS proccessing
        FROM target WHERE status = 'stopped'
      ), ended AS MATERIALIZED (
        SELECT * FROM unqueued UNION ALL SELECT * FROM halted UNION ALL SELECT * FROM parked
      ), changed AS (
        UPDATE task t SET status = $3::text,
          done_at = CASE WHEN $3::text = 'cancelled' THEN now() END,
          retention = CASE WHEN $3::text = 'cancelled' THEN now() + make_interval(secs => t.keep_seconds) END,
          attempts = coalesce(e.attempt, t.attempts), start_at = coalesce(e.start_at, t.start_at),
          proccessing = coalesce(e.proccessing, t.proccessing), error = $4
        FROM ended e WHERE t.id = e.id AND t.status = CASE WHEN e.previous = 'stopped' THEN 'stopped' ELSE 'waiting' END
        RETURNING t.id, t.task_type, t.retention, t.query_code, t.user_id, t.error AS detail, e.attempt, e.previous
      ), history AS (
        INSERT INTO task_event (task_id, event, state, attempt, detail) SELECT id, $3::text, $3::text, attempt, detail FROM changed
      ), expiring AS (
        INSERT INTO task_expiry (retention, ids) SELECT retention, ARRAY[id] FROM changed WHERE retention IS NOT NULL
      ), counted AS (
        """ + QueueLength.change("-", "changed WHERE previous = 'waiting'") + """
      )
      SELECT id, previous, query_code, task_type, user_id, attempt, detail FROM changed
      UNION ALL
      SELECT id, 'raced', NULL, NULL, NULL, NULL, NULL FROM target WHERE NOT EXISTS (SELECT 1 FROM changed)""";

  /** A stopped task goes back to its place in the queue; the retry budget counts from here (attempt_floor). */
  private static final String START = """
      WITH resumed AS (
        UPDATE task SET status = 'waiting', attempt_floor = attempts, error = NULL
        WHERE query_code = $1 AND owner = $2 AND status = 'stopped'
        RETURNING id, task_type, process_no, task_no, query_code, user_id, task_payload_bytes(params, checkpoint) AS bytes
      ), history AS (
        INSERT INTO task_event (task_id, event, state) SELECT id, 'resumed', 'waiting' FROM resumed
      ), queued AS (
        INSERT INTO task_queue (task_type, process_no, task_no, id, bytes) SELECT task_type, process_no, task_no, id, bytes FROM resumed
      ), counted AS (
        """ + QueueLength.change("", "resumed") + """
      )
      SELECT id, query_code, task_type, user_id FROM resumed""";

  private final Pool pool;

  public PluginTaskStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Row>> find(String owner, String id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(owner, id)).map(PluginTaskStore::first);
  }

  Future<RowSet<Row>> list(String owner, String status) {
    return pool.preparedQuery(LIST).execute(Tuple.of(owner, status));
  }

  /** The state the task left ('waiting', 'running', 'stopped'), or empty when its state forbids the change. */
  public Future<Optional<Row>> halt(String owner, String id, String newStatus, String reason) {
    return halt(owner, id, newStatus, reason, 3);
  }

  private Future<Optional<Row>> halt(String owner, String id, String newStatus, String reason, int tries) {
    return pool.preparedQuery(HALT).execute(Tuple.of(id, owner, newStatus, reason)).compose(rows -> {
      Optional<Row> row = first(rows);
      if (row.isPresent() && "raced".equals(row.get().getString("previous"))) {
        return tries > 1 ? halt(owner, id, newStatus, reason, tries - 1) : Future.succeededFuture(Optional.empty());
      }
      return Future.succeededFuture(row);
    });
  }

  /** The task's row (id, query_code, task_type, user_id) when it was stopped and is queued again. */
  public Future<Optional<Row>> start(String owner, String id) {
    return pool.preparedQuery(START).execute(Tuple.of(id, owner)).map(PluginTaskStore::first);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }
}
