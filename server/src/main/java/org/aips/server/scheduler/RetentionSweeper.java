package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.server.blob.BlobStore;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what tasks keep past their retention deadline: marks them purged and deletes their input
 * and result files, unless another live task shares the same (deduplicated) blob.
 */
final class RetentionSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final int BATCH = 1000;

  /**
   * Deadlines live in task_expiry (V3 migration: an index on task.retention would forbid HOT
   * completions), one row per deadline holding the ids of every task that shares it. A sweep takes
   * the earliest due rows while they hold fewer than $1 tasks before them: at least one row, so
   * at most $1 + one completion batch of tasks.
   */
  private static final String PURGE = """
      WITH due AS MATERIALIZED (
        SELECT ctid AS row, retention, cardinality(ids) AS n FROM task_expiry WHERE retention < now()
        ORDER BY retention LIMIT $1 FOR UPDATE SKIP LOCKED
      ), chosen AS (
        SELECT row FROM (SELECT row, sum(n) OVER (ORDER BY retention ROWS UNBOUNDED PRECEDING) - n AS before FROM due) d WHERE before < $1
      ), gone AS MATERIALIZED (
        DELETE FROM task_expiry e WHERE e.ctid = ANY(ARRAY(SELECT row FROM chosen)) RETURNING e.ids
      ), purged AS (
        UPDATE task t SET purged = true, result_json = NULL
        WHERE t.id = ANY(ARRAY(SELECT unnest(ids) FROM gone)) AND NOT t.purged
        RETURNING t.id, t.result_path, t.query_code, t.task_type, t.user_id, t.status
      ), history AS (
        INSERT INTO task_event (task_id, event, state) SELECT id, 'purged', status FROM purged
      ), inputs AS (
        DELETE FROM task_input i WHERE i.task_id = ANY(ARRAY(SELECT id FROM purged)) RETURNING i.blob_key
      )
      SELECT id, query_code, task_type, user_id, status, result_path AS key FROM purged
      UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, blob_key FROM inputs""";

  /** Blobs no live task, task input or plugin hold ({@code blob_hold}) refers to. */
  private static final String UNREFERENCED = """
      SELECT k FROM unnest($1::text[]) AS k
      WHERE NOT EXISTS (SELECT 1 FROM task WHERE NOT purged AND result_path = k)
        AND NOT EXISTS (SELECT 1 FROM task_input WHERE blob_key = k)
        AND NOT EXISTS (SELECT 1 FROM blob_hold WHERE blob_key = k)""";

  private final Vertx vertx;
  private final Pool pool;
  private final BlobStore blobs;
  private final Duration grace;
  private boolean sweeping;

  RetentionSweeper(Vertx vertx, Pool pool, BlobStore blobs, Duration grace) {
    this.vertx = vertx;
    this.pool = pool;
    this.blobs = blobs;
    this.grace = grace;
  }

  void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    sweepBatch().onComplete(result -> {
      sweeping = false;
      if (result.failed()) {
        LOG.warn("retention sweep failed", result.cause());
      } else if (result.result() > 0) {
        LOG.info("retention sweep purged {} tasks", result.result());
        if (result.result() >= BATCH) {
          vertx.runOnContext(v -> sweep()); // more are due: keep going rather than wait a whole period
        }
      }
    });
  }

  /**
   * Deletes, once the grace period has passed, results that were written for runs no longer theirs to
   * finish (the task was cancelled or retried meanwhile), unless some task references them by then.
   */
  void discardLater(Set<String> keys) {
    vertx.setTimer(grace.toMillis() + 1000, id -> deleteUnreferenced(keys)
        .onFailure(e -> LOG.warn("deleting {} unused results failed", keys.size(), e)));
  }

  private Future<Integer> sweepBatch() {
    return pool.preparedQuery(PURGE).execute(Tuple.of(BATCH)).compose(rows -> {
      Set<String> keys = new LinkedHashSet<>();
      List<TaskChange> purged = new ArrayList<>();
      for (Row row : rows) {
        if (row.getLong("id") != null) {
          purged.add(TaskChange.of(row, TaskTransition.PURGED, TaskTransition.state(row.getString("status"))));
        }
        if (row.getString("key") != null) {
          keys.add(row.getString("key"));
        }
      }
      TaskChanges.publish(vertx.eventBus(), purged);
      Future<Void> deleted = keys.isEmpty() ? Future.succeededFuture() : deleteUnreferenced(keys);
      return deleted.map(purged.size());
    });
  }

  private Future<Void> deleteUnreferenced(Set<String> keys) {
    return pool.preparedQuery(UNREFERENCED).execute(Tuple.of((Object) keys.toArray(String[]::new))).compose(rows -> {
      List<String> unreferenced = new ArrayList<>();
      rows.forEach(row -> unreferenced.add(row.getString(0)));
      return vertx.executeBlocking(() -> {
        for (String key : unreferenced) {
          blobs.deleteUnlessRecent(key, grace);
        }
        return null;
      });
    });
  }
}
