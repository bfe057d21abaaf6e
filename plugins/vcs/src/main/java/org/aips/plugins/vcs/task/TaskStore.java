package org.aips.plugins.vcs.task;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The compute_task and device tables: the service's SQL, bound parameters only. */
final class TaskStore {

  private final Pool pool;

  TaskStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(String taskId, TaskSpec spec) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO compute_task (task_id, name, exec_type, exec_start_time, description, "
            + "models, client_name, face_group, face_threshold, phase) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'CREATED')")
        .execute(Tuple.from(new Object[] {taskId, spec.name(), spec.execType(), spec.execStartTime(), spec.description(),
            spec.models().toArray(new String[0]), spec.clientName(), faceGroup(spec), faceThreshold(spec)}))
        .compose(done -> insertDevices(conn, taskId, spec)));
  }

  /** Replaces the definition; the devices are replaced too (only allowed before the first start). */
  Future<Void> update(String taskId, TaskSpec spec, boolean devicesToo) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE compute_task SET exec_start_time = $2, description = $3, models = $4, "
            + "client_name = $5, face_group = $6, face_threshold = $7, updated_at = now() WHERE task_id = $1")
        .execute(Tuple.from(new Object[] {taskId, spec.execStartTime(), spec.description(), spec.models().toArray(new String[0]),
            spec.clientName(), faceGroup(spec), faceThreshold(spec)}))
        .compose(done -> !devicesToo ? Future.succeededFuture()
            : conn.preparedQuery("DELETE FROM device WHERE task_id = $1").execute(Tuple.of(taskId)).compose(deleted -> insertDevices(conn, taskId, spec))));
  }

  private static String faceGroup(TaskSpec spec) {
    return spec.faceIdentification() == null ? null : spec.faceIdentification().group();
  }

  private static Double faceThreshold(TaskSpec spec) {
    return spec.faceIdentification() == null ? null : spec.faceIdentification().threshold();
  }

  private static Future<Void> insertDevices(SqlConnection conn, String taskId, TaskSpec spec) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < spec.devices().size(); i++) {
      DeviceSpec d = spec.devices().get(i);
      rows.add(Tuple.of(taskId, d.deviceId(), i, d.videoId(), d.videoTimeLength(), Math.max(0, d.videoBeginTime())));
    }
    return conn.preparedQuery("INSERT INTO device (task_id, device_id, position, video_id, video_time_length, video_begin_time) "
        + "VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(rows).mapEmpty();
  }

  Future<Optional<StoredTask>> find(String taskId) {
    return pool.preparedQuery("SELECT * FROM compute_task WHERE task_id = $1").execute(Tuple.of(taskId)).compose(tasks -> {
      if (tasks.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row task = tasks.iterator().next();
      return pool.preparedQuery("SELECT d.*, v.duration_ms, v.frame_rate FROM device d JOIN video v USING (video_id) "
              + "WHERE d.task_id = $1 ORDER BY d.position").execute(Tuple.of(taskId))
          .map(devices -> Optional.of(stored(task, devices)));
    });
  }

  Future<List<String>> idsByName(String name) {
    return pool.preparedQuery("SELECT task_id FROM compute_task WHERE name = $1 ORDER BY created_at").execute(Tuple.of(name)).map(TaskStore::ids);
  }

  /** Moves the task to {@code to} if it is in one of {@code from}; false if it was not. */
  Future<Boolean> move(String taskId, List<StoredTask.Phase> from, StoredTask.Phase to) {
    String[] names = from.stream().map(Enum::name).toArray(String[]::new);
    return pool.preparedQuery("UPDATE compute_task SET phase = $3, updated_at = now() WHERE task_id = $1 AND phase = ANY($2)")
        .execute(Tuple.of(taskId, names, to.name())).map(rows -> rows.rowCount() == 1);
  }

  /** Claims the scheduled tasks whose start time has come (one node wins each claim). */
  Future<List<String>> claimDue(long nowMillis) {
    return pool.preparedQuery("UPDATE compute_task SET phase = 'RUNNING', updated_at = now() WHERE phase = 'SCHEDULED' "
        + "AND exec_start_time <= $1 RETURNING task_id").execute(Tuple.of(nowMillis)).map(TaskStore::ids);
  }

  /** Running tasks with a device whose AIPS task was never recorded (a node stopped while starting them). */
  Future<List<String>> runningWithUnstartedDevices() {
    return pool.query("SELECT DISTINCT t.task_id FROM compute_task t JOIN device d USING (task_id) "
        + "WHERE t.phase = 'RUNNING' AND d.aips_task_id IS NULL").execute().map(TaskStore::ids);
  }

  /**
   * The task's devices with no AIPS task that this caller may launch now: claimed for it unless
   * another launch claimed them less than {@code staleSeconds} ago.
   */
  Future<List<String>> claimLaunch(String taskId, int staleSeconds) {
    return pool.preparedQuery("UPDATE device SET launching_since = now() WHERE task_id = $1 AND aips_task_id IS NULL "
            + "AND (launching_since IS NULL OR launching_since < now() - make_interval(secs => $2)) RETURNING device_id")
        .execute(Tuple.of(taskId, staleSeconds)).map(TaskStore::ids);
  }

  /** Records the device's AIPS task unless one is recorded already; false then. */
  Future<Boolean> attach(String taskId, String deviceId, String aipsTaskId) {
    return pool.preparedQuery("UPDATE device SET aips_task_id = $3 WHERE task_id = $1 AND device_id = $2 AND aips_task_id IS NULL")
        .execute(Tuple.of(taskId, deviceId, aipsTaskId)).map(rows -> rows.rowCount() == 1);
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getString(0)));
    return ids;
  }

  private static StoredTask stored(Row task, RowSet<Row> deviceRows) {
    List<StoredTask.Device> devices = new ArrayList<>();
    List<DeviceSpec> specs = new ArrayList<>();
    for (Row d : deviceRows) {
      DeviceSpec spec = new DeviceSpec(d.getString("device_id"), d.getString("video_id"), d.getInteger("video_time_length"),
          d.getLong("video_begin_time"));
      specs.add(spec);
      devices.add(new StoredTask.Device(spec, d.getString("aips_task_id"), d.getLong("duration_ms"), d.getDouble("frame_rate")));
    }
    TaskSpec spec = new TaskSpec(task.getString("name"), task.getString("exec_type"), task.getLong("exec_start_time"),
        task.getString("description"), specs, Arrays.asList(task.getArrayOfStrings("models")), task.getString("client_name"),
        task.getString("face_group") == null ? null : new FaceIdentification(task.getString("face_group"), task.getDouble("face_threshold")));
    return new StoredTask(task.getString("task_id"), spec, StoredTask.Phase.valueOf(task.getString("phase")), devices);
  }
}
