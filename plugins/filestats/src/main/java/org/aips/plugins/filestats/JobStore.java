package org.aips.plugins.filestats;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The service's SQL, on its own schema (the pool's search path), through the host's pool. */
final class JobStore {

  private final Pool pool;

  JobStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(String id, String fileKey, long fileSize, String taskId) {
    return pool.preparedQuery("INSERT INTO job (id, file_key, file_size, task_id, state) VALUES ($1, $2, $3, $4, 'WAITING')")
        .execute(Tuple.of(id, fileKey, fileSize, taskId)).mapEmpty();
  }

  Future<Optional<JsonObject>> find(String id) {
    return pool.preparedQuery("SELECT * FROM job WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(json(rows.iterator().next())));
  }

  Future<List<JsonObject>> list() {
    return pool.query("SELECT * FROM job ORDER BY created_at, id").execute().map(rows -> {
      List<JsonObject> jobs = new ArrayList<>();
      rows.forEach(row -> jobs.add(json(row)));
      return jobs;
    });
  }

  /** The copy of the task's state that the service keeps from task events. */
  Future<Void> record(String taskId, String state, double progress, Long lines) {
    return pool.preparedQuery("UPDATE job SET state = $2, progress = $3, lines = coalesce($4, lines), updated_at = now() WHERE task_id = $1")
        .execute(Tuple.of(taskId, state, (float) progress, lines)).mapEmpty();
  }

  Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM job WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("id", row.getString("id")).put("fileId", row.getString("file_key"))
        .put("fileSize", row.getLong("file_size")).put("taskId", row.getString("task_id"))
        .put("state", row.getString("state")).put("progress", (double) row.getFloat("progress")).put("lines", row.getLong("lines"));
  }
}
