package org.aips.plugins.faceingest.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.faceingest.csv.CsvRow;
import org.aips.plugins.faceingest.csv.CsvRows;
import org.aips.plugins.faceingest.store.IngestTask;
import org.aips.plugins.faceingest.store.RowRecorder.Recorded;
import org.aips.plugins.faceingest.store.TaskStatus;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * One run of one ingestion task: reads the CSV from the resume point (on a worker, a batch at a
 * time), keeps {@code thread_num} rows in flight through the {@link RowPipeline}, records each
 * row's outcome once, and saves the resume point every {@code checkpointRows} rows. Ends when the
 * rows run out (state 4), when the task is stopped or cancelled, or, in mode 1, once the rows in
 * flight at the first error have finished (state 3, {@code last_error} set).
 *
 * <p>Callbacks arrive from the event loop, workers and clients: the state is guarded by this
 * object's lock, and nothing blocking happens under it.
 */
final class IngestRun {

  private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);

  private final RunParts parts;
  private final TaskContext context;
  private final IngestTask task;
  private final FaceGate gate;
  private final Promise<TaskResult> result = Promise.promise();
  private final ArrayDeque<CsvRow> buffered = new ArrayDeque<>();
  private final Set<Long> handledBefore = new HashSet<>();
  private final Watermark watermark;
  private CsvRows rows;
  private long handled;
  private long savedAt;
  private long publishedAt;
  private int inFlight;
  private boolean reading;
  private boolean exhausted;
  private boolean ended;
  private String firstError;
  private Throwable fatal;

  IngestRun(RunParts parts, TaskContext context, IngestTask task) {
    this.parts = parts;
    this.context = context;
    this.task = task;
    this.gate = new FaceGate(task.config());
    this.watermark = new Watermark(task.nextRow());
    this.handled = task.handledNum();
    this.savedAt = task.nextRow();
  }

  Future<TaskResult> run(Path csv) {
    context.vertx().executeBlocking(() -> open(csv), false)
        .compose(opened -> parts.tasks().handledFrom(task.id(), task.nextRow()))
        .onSuccess(ahead -> {
          synchronized (this) {
            handledBefore.addAll(ahead);
          }
          context.whenCancelled().onComplete(cancelled -> pump());
          pump();
        })
        .onFailure(e -> result.tryFail(TaskFailure.retryable("cannot read the task's CSV: " + e.getMessage(), e)));
    return result.future().onComplete(done -> closeRows());
  }

  private CsvRows open(Path csv) throws IOException {
    CsvRows opened = CsvRows.open(csv);
    opened.skip(task.nextRow());
    synchronized (this) {
      rows = opened;
    }
    return opened;
  }

  private synchronized void pump() {
    if (ended) {
      return;
    }
    boolean stopping = context.isCancelled() || firstError != null || fatal != null;
    while (!stopping && inFlight < task.config().threadNum() && !buffered.isEmpty()) {
      launch(buffered.poll());
    }
    if (!stopping && buffered.isEmpty() && !exhausted && !reading) {
      readMore();
    }
    if (inFlight == 0 && !reading && (stopping || exhausted && buffered.isEmpty())) {
      ended = true;
      end();
    }
  }

  private void readMore() {
    reading = true;
    int batch = Math.max(64, task.config().threadNum() * 4);
    context.vertx().executeBlocking(() -> rows.next(batch), false).onComplete(read -> {
      synchronized (this) {
        reading = false;
        if (read.failed()) {
          fatal = read.cause();
        } else {
          List<CsvRow> got = read.result();
          exhausted = got.size() < batch;
          buffered.addAll(got);
        }
      }
      pump();
    });
  }

  private void launch(CsvRow row) {
    if (handledBefore.remove(row.rowNo())) {
      watermark.done(row.rowNo()); // handled by an earlier run: nothing to do, nothing to count
      return;
    }
    inFlight++;
    outcome(row).onComplete(recorded -> finished(row, recorded.succeeded() ? recorded.result() : null, recorded.cause()));
  }

  /** The row's outcome, recorded: a face, or a log entry with its code; a store that cannot record even the error fails. */
  private Future<Recorded> outcome(CsvRow row) {
    return parts.pipeline().process(task.groupName(), row, gate)
        .compose(face -> parts.recorder().face(task.id(), row.rowNo(), face), failure -> {
          RowError error = failure instanceof RowError e ? e : new RowError(ErrorCode.SYSTEM, String.valueOf(failure), failure);
          if (error.code() == ErrorCode.SYSTEM) {
            LOG.warn("task {} row {}: {}", task.id(), row.rowNo(), failure.toString(), failure);
          }
          return parts.recorder().error(task.id(), row.rowNo(), row.uri(), error.code(), error.logMessage());
        })
        .recover(storeFailure -> parts.recorder().error(task.id(), row.rowNo(), row.uri(), ErrorCode.FACE_STORE,
            ErrorCode.FACE_STORE.meaning() + ": " + storeFailure.getMessage()));
  }

  private void finished(CsvRow row, Recorded recorded, Throwable failure) {
    synchronized (this) {
      inFlight--;
      if (recorded == null) {
        fatal = fatal == null ? failure : fatal;
      } else {
        watermark.done(row.rowNo());
        if (recorded.fresh()) {
          handled++;
          if (recorded.code() != null && task.config().stopsOnError() && firstError == null) {
            firstError = row.uri() + ": " + recorded.code().code() + " " + recorded.message();
          }
        }
        if (watermark.next() - savedAt >= parts.settings().checkpointRows()) {
          savedAt = watermark.next();
          saveResumePoint(savedAt);
        }
      }
      context.progress(task.totalNum() == 0 ? 1.0 : Math.min(1.0, (double) handled / task.totalNum()));
      long now = System.currentTimeMillis();
      if (now - publishedAt >= ProgressEvents.INTERVAL_MS) {
        publishedAt = now;
        ProgressEvents.publish(context.eventBus(), task.id(), task.groupName(), handled, task.totalNum(), TaskStatus.RUNNING.code());
      }
    }
    pump();
  }

  private Future<Void> saveResumePoint(long next) {
    return Future.join(parts.tasks().advance(task.id(), next), context.saveCheckpoint(new JsonObject().put("nextRow", next)))
        .<Void>mapEmpty().onFailure(e -> LOG.warn("saving the resume point of task {} failed", task.id(), e));
  }

  private void end() {
    long next = watermark.next();
    saveResumePoint(next).transform(saved -> {
      if (fatal != null) {
        return Future.<TaskResult>failedFuture(TaskFailure.retryable("ingestion stopped: " + fatal.getMessage(), fatal));
      }
      if (context.isCancelled()) {
        return Future.failedFuture(new CancellationException("stopped at row " + next));
      }
      if (firstError != null) {
        return stopOnError(next);
      }
      return parts.tasks().move(task.id(), TaskStatus.RUNNING, TaskStatus.FINISHED, null, null)
          .map(moved -> TaskResult.json(new JsonObject().put("handled", handled).put("total", task.totalNum())));
    }).onComplete(done -> {
      long handledNow;
      synchronized (this) {
        handledNow = handled;
      }
      int state = done.succeeded() ? TaskStatus.FINISHED.code() : TaskStatus.STOPPED.code();
      ProgressEvents.publish(context.eventBus(), task.id(), task.groupName(), handledNow, task.totalNum(), state);
      result.handle(done);
    });
  }

  /** Mode 1: the task becomes stopped (3) with the error; the AIPS task is stopped too so that a start resumes it. */
  private Future<TaskResult> stopOnError(long next) {
    return parts.tasks().move(task.id(), TaskStatus.RUNNING, TaskStatus.STOPPED, null, firstError)
        .compose(moved -> parts.hostTasks().stop(context.taskId()).<TaskResult>map(stopped -> {
          throw new CancellationException("stopped on the first error at row " + next);
        }))
        .recover(e -> Future.failedFuture(e instanceof CancellationException ? e
            : TaskFailure.permanent("stopped on the first error: " + firstError)));
  }

  private synchronized void closeRows() {
    if (rows != null) {
      try {
        rows.close();
      } catch (IOException e) {
        LOG.debug("closing the CSV failed", e);
      }
    }
  }
}
