package org.aips.plugins.faceingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.aips.plugins.faceingest.csv.CsvFormatException;
import org.aips.plugins.faceingest.csv.CsvRows;
import org.aips.plugins.faceingest.ingest.FaceIngestTaskType;
import org.aips.plugins.faceingest.ingest.IngestConfig;
import org.aips.plugins.faceingest.store.IngestTask;
import org.aips.plugins.faceingest.store.IngestTasks;
import org.aips.plugins.faceingest.store.TaskStatus;
import org.aips.spi.BlobRef;
import org.aips.spi.Blobs;
import org.aips.spi.HostTasks;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskRequest;
import org.aips.spi.TaskState;
import org.aips.spi.TaskStateException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The seed's task operations over the service's table and the host's task API. A seed task is a
 * row of {@code ingest_task}; once started, its work is an AIPS task ({@code FaceIngest}) that a
 * stop keeps with its checkpoint and a start resumes. The row's state is the one clients see; a
 * row still marked running is checked against its AIPS task when read, so a run that failed or
 * was stopped elsewhere shows as stopped.
 */
public final class TaskLifecycle {

  private final Vertx vertx;
  private final IngestTasks store;
  private final HostTasks tasks;
  private final Blobs blobs;
  private final Settings settings;

  public TaskLifecycle(Vertx vertx, IngestTasks store, HostTasks tasks, Blobs blobs, Settings settings) {
    this.vertx = vertx;
    this.store = store;
    this.tasks = tasks;
    this.blobs = blobs;
    this.settings = settings;
  }

  /** Checks the stored CSV (on a worker: it is read once, streamed) and records the task; answers its id. */
  public Future<String> create(String group, IngestConfig config, BlobRef csv) {
    Path file = blobs.path(csv);
    String id = TaskIds.next();
    return vertx.executeBlocking(() -> countRows(file), false)
        .compose(total -> store.insert(id, group, config, csv.key(), total))
        .map(id)
        .recover(e -> releaseUnused(csv).transform(ignored -> Future.failedFuture(
            e instanceof CsvFormatException ? ApiError.badRequest("the file is not a usable CSV: " + e.getMessage()) : e)));
  }

  private long countRows(Path file) throws Exception {
    try (CsvRows rows = CsvRows.open(file)) {
      long total = rows.count(settings.maxCsvRows());
      if (total == 0) {
        throw new CsvFormatException("it has no rows (expected uri,tag,description per line)");
      }
      return total;
    }
  }

  public Future<IngestTask> find(String id) {
    return store.find(id).map(task -> task.orElseThrow(() -> ApiError.notFound("no task " + id)))
        .compose(this::reconciled);
  }

  public Future<List<IngestTask>> list(String group, Optional<TaskStatus> state) {
    return store.inGroup(group, Optional.empty())
        .compose(all -> Future.all(all.stream().map(this::reconciled).toList()))
        .map(done -> done.<IngestTask>list().stream().filter(t -> state.isEmpty() || t.state() == state.get()).toList());
  }

  public Future<Void> start(String id) {
    return find(id).compose(task -> switch (task.state()) {
      case FINISHED -> Future.failedFuture(ApiError.state("task " + id + " is finished"));
      case RUNNING -> Future.failedFuture(ApiError.state("task " + id + " is already running"));
      case CREATED, STOPPED -> resume(task);
    });
  }

  /** Marks the task running first, so that a run finishing at once finds it running and can mark it finished. */
  private Future<Void> resume(IngestTask task) {
    return store.move(task.id(), task.state(), TaskStatus.RUNNING, null, "").compose(moved -> {
      if (!moved) {
        return Future.failedFuture(ApiError.state("task " + task.id() + " changed state meanwhile; try again"));
      }
      Future<String> aipsTask = task.taskId() == null ? submit(task) : tasks.start(task.taskId()).map(task.taskId())
          .recover(e -> e instanceof TaskStateException ? submit(task) : Future.failedFuture(e));
      return aipsTask.compose(taskId -> store.move(task.id(), TaskStatus.RUNNING, TaskStatus.RUNNING, taskId, null)).<Void>mapEmpty()
          .recover(e -> store.move(task.id(), TaskStatus.RUNNING, task.state(), null, null).transform(ignored -> Future.failedFuture(e)));
    });
  }

  /** A new AIPS task: the first start, or a start after the previous AIPS task failed for good. It resumes from the table's resume point. */
  private Future<String> submit(IngestTask task) {
    return blobs.find(task.csvKey()).compose(csv -> csv.isEmpty() ? Future.failedFuture(new IllegalStateException("the task's CSV is gone"))
        : tasks.submit(TaskRequest.of(FaceIngestTaskType.NAME, new io.vertx.core.json.JsonObject().put("ingestId", task.id()))
            .withInput(FaceIngestTaskType.INPUT, csv.get()).withKeepSeconds(86_400)));
  }

  public Future<Void> stop(String id) {
    return find(id).compose(task -> {
      if (task.state() != TaskStatus.RUNNING) {
        return Future.failedFuture(ApiError.state("task " + id + " is not running (state " + task.state().code() + ")"));
      }
      Future<?> stopped = task.taskId() == null ? Future.succeededFuture() : tasks.stop(task.taskId());
      return stopped.recover(e -> e instanceof TaskStateException state && state.state() == TaskState.DONE
              ? Future.failedFuture(ApiError.state("task " + id + " has just finished")) : Future.failedFuture(e))
          .compose(s -> store.move(id, TaskStatus.RUNNING, TaskStatus.STOPPED, null, null)).mapEmpty();
    });
  }

  /** Stops the work if it is going on and removes the task, its log and its resume state for good; its stored faces stay in the group. */
  public Future<Void> delete(String id) {
    return store.find(id).map(task -> task.orElseThrow(() -> ApiError.notFound("no task " + id))).compose(task -> {
      Future<?> cancelled = task.taskId() == null ? Future.succeededFuture()
          : tasks.cancel(task.taskId()).recover(e -> e instanceof TaskStateException ? Future.succeededFuture() : Future.failedFuture(e));
      return cancelled.compose(c -> store.delete(id)).compose(d -> blobs.find(task.csvKey()))
          .compose(csv -> csv.map(this::releaseUnused).orElse(Future.succeededFuture()));
    });
  }

  /** Seed 002's restart rule: every task that was running is stopped, until someone starts it. */
  public Future<Integer> stopAllRunning() {
    return store.inState(TaskStatus.RUNNING).compose(running -> Future.join(running.stream().map(task ->
        (task.taskId() == null ? Future.succeededFuture() : tasks.stop(task.taskId()).otherwise(e -> null))
            .compose(s -> store.move(task.id(), TaskStatus.RUNNING, TaskStatus.STOPPED, null, null))).toList())
        .map(done -> running.size()));
  }

  /** A row marked running whose AIPS task is no longer queued or running is corrected (finished, or stopped with the task's error). */
  private Future<IngestTask> reconciled(IngestTask task) {
    if (task.state() != TaskStatus.RUNNING || task.taskId() == null) {
      return Future.succeededFuture(task);
    }
    return tasks.get(task.taskId()).compose(info -> {
      TaskState state = info.map(TaskInfo::state).orElse(TaskState.CANCELLED);
      if (state == TaskState.WAITING || state == TaskState.RUNNING) {
        return Future.succeededFuture(task);
      }
      TaskStatus now = state == TaskState.DONE ? TaskStatus.FINISHED : TaskStatus.STOPPED;
      String error = info.map(TaskInfo::error).filter(e -> state == TaskState.FAILED).orElse(null);
      return store.move(task.id(), TaskStatus.RUNNING, now, null, error).compose(moved -> store.find(task.id()))
          .map(found -> found.orElse(task));
    });
  }

  private Future<Void> releaseUnused(BlobRef csv) {
    return store.csvInUse(csv.key()).compose(used -> used ? Future.succeededFuture() : blobs.release(csv));
  }
}
