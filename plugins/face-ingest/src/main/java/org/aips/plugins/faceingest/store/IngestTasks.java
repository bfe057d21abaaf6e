package org.aips.plugins.faceingest.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.plugins.faceingest.ingest.IngestConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of {@code ingest_task}: the seed tasks, their state and counters. */
public final class IngestTasks {

  private final Pool pool;

  public IngestTasks(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(String id, String group, IngestConfig config, String csvKey, long totalNum) {
    return pool.preparedQuery("INSERT INTO ingest_task (id, group_name, config, csv_key, total_num) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, group, config.toJson().encode(), csvKey, totalNum)).mapEmpty();
  }

  public Future<Optional<IngestTask>> find(String id) {
    return pool.preparedQuery("SELECT * FROM ingest_task WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(IngestTask.of(rows.iterator().next())));
  }

  /** The group's tasks, oldest first, all of them or those in one state. */
  public Future<List<IngestTask>> inGroup(String group, Optional<TaskStatus> state) {
    return pool.preparedQuery("SELECT * FROM ingest_task WHERE group_name = $1 AND ($2::smallint IS NULL OR state = $2) ORDER BY created_at, id")
        .execute(Tuple.of(group, state.map(s -> (short) s.code()).orElse(null))).map(IngestTasks::tasks);
  }

  public Future<List<IngestTask>> inState(TaskStatus state) {
    return pool.preparedQuery("SELECT * FROM ingest_task WHERE state = $1").execute(Tuple.of((short) state.code())).map(IngestTasks::tasks);
  }

  /** Records a state change made from {@code from}; answers false when the task was no longer there (a race lost). */
  public Future<Boolean> move(String id, TaskStatus from, TaskStatus to, String taskId, String lastError) {
    return pool.preparedQuery("UPDATE ingest_task SET state = $3, task_id = coalesce($4, task_id), last_error = coalesce($5, last_error) "
            + "WHERE id = $1 AND state = $2")
        .execute(Tuple.of(id, (short) from.code(), (short) to.code(), taskId, lastError)).map(rows -> rows.rowCount() == 1);
  }

  /** The resume point only moves forward: a late write of an older run cannot move it back. */
  public Future<Void> advance(String id, long nextRow) {
    return pool.preparedQuery("UPDATE ingest_task SET next_row = greatest(next_row, $2) WHERE id = $1")
        .execute(Tuple.of(id, nextRow)).mapEmpty();
  }

  public Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM ingest_task WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> csvInUse(String csvKey) {
    return pool.preparedQuery("SELECT 1 FROM ingest_task WHERE csv_key = $1 LIMIT 1").execute(Tuple.of(csvKey)).map(rows -> rows.size() > 0);
  }

  /** Rows at or after {@code fromRow} that an earlier run handled (rows run in parallel finish out of order). */
  public Future<List<Long>> handledFrom(String id, long fromRow) {
    return pool.preparedQuery("SELECT row_no FROM handled_row WHERE ingest_id = $1 AND row_no >= $2").execute(Tuple.of(id, fromRow))
        .map(rows -> {
          List<Long> handled = new ArrayList<>();
          rows.forEach(row -> handled.add(row.getLong(0)));
          return handled;
        });
  }

  private static List<IngestTask> tasks(Iterable<Row> rows) {
    List<IngestTask> tasks = new ArrayList<>();
    rows.forEach(row -> tasks.add(IngestTask.of(row)));
    return tasks;
  }
}
