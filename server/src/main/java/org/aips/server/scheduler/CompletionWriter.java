package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.aips.server.blob.BlobStore;
import org.aips.server.executor.RunOutput;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes finished runs in batches (group commit): the first writer starts at once for latency, a
 * second only when enough is waiting. Results as bytes go to the blob store first, on a worker.
 * Also keeps the run-time statistics that the waiting estimates read.
 */
final class CompletionWriter {

  private static final int BATCH = 4096;
  /** Writes in flight at once: one alone leaves the drain waiting on each commit. */
  static final int WRITERS = 2;
  /** A second writer starts only for a batch at least this large (small batches cost more than they save). */
  private static final int SECOND_WRITER_MIN_BATCH = 512;
  /** Finished runs not yet written, all types together, beyond which no more tasks are claimed. */
  static final int MAX_UNWRITTEN = WRITERS * BATCH;

  private final SchedulerScope scope;
  private final BlobStore blobs;
  private final RetentionSweeper sweeper;
  private final FailureRecorder failures;
  private final Runnable claimMore;
  private final RunTimeStats stats = new RunTimeStats();
  private final List<Pending> waiting = new ArrayList<>();
  /** Finished runs not yet written: waiting or being written. */
  private int unwritten;
  private int writers;
  private boolean writerStarting;

  CompletionWriter(SchedulerScope scope, BlobStore blobs, RetentionSweeper sweeper, FailureRecorder failures, Runnable claimMore) {
    this.scope = scope;
    this.blobs = blobs;
    this.sweeper = sweeper;
    this.failures = failures;
    this.claimMore = claimMore;
  }

  int unwritten() {
    return unwritten;
  }

  /** Tasks finished but not yet written: their leases are still this scheduler's to renew. */
  List<Long> pendingIds() {
    return waiting.stream().map(p -> p.completion().id()).toList();
  }

  /** Completes once the run is written: as done, or (its result could not be stored) as failed. */
  Future<Void> complete(InFlight task, RunOutput output) {
    double seconds = (System.currentTimeMillis() - task.dispatchedAt) / 1000.0;
    if (output.bytes() != null) {
      byte[] bytes = output.bytes().getBytes();
      return scope.vertx.executeBlocking(() -> blobs.put(bytes), false).transform(stored -> stored.succeeded()
          ? add(new Completion(task, stored.result().key(), output.contentType(), null, output.node(), seconds))
          : failures.failed(task, stored.cause()));
    }
    return add(new Completion(task, null, output.contentType(), output.json(), output.node(), seconds));
  }

  /** Writes the measured run times into task_type_stats. */
  void flushStats() {
    Map<String, double[]> measured = stats.drain();
    if (!measured.isEmpty()) {
      scope.store.saveStats(measured).onFailure(e -> scope.warn("saving run-time statistics failed", e));
    }
  }

  private Future<Void> add(Completion completion) {
    Promise<Void> written = Promise.promise();
    waiting.add(new Pending(completion, written));
    unwritten++;
    if (!writerStarting) {
      writerStarting = true;
      scope.vertx.runOnContext(v -> { // after the outcomes already queued on this loop, so that they join the batch
        writerStarting = false;
        startWriters();
      });
    }
    return written.future();
  }

  private void startWriters() {
    while (!waiting.isEmpty() && (writers == 0 || (writers < WRITERS && waiting.size() >= SECOND_WRITER_MIN_BATCH))) {
      writers++;
      write();
    }
  }

  private void write() {
    List<Pending> pending = new ArrayList<>(waiting.subList(0, Math.min(BATCH, waiting.size())));
    waiting.subList(0, pending.size()).clear();
    List<Completion> batch = pending.stream().map(Pending::completion).toList();
    scope.store.complete(batch).onComplete(result -> {
      unwritten -= batch.size();
      writers--;
      claimMore.run();
      if (result.succeeded()) {
        // adopted outcomes were dispatched elsewhere at an unknown time: kept out of the statistics
        batch.stream().filter(c -> c.task().dispatchedAt > 0).forEach(c -> stats.record(c.type(), c.seconds()));
        Set<Long> recorded = new HashSet<>();
        result.result().forEach(row -> recorded.add(row.getLong("id")));
        discardUnusedResults(batch, recorded);
        publishDone(batch, result.result());
        pending.forEach(p -> p.written().complete());
      } else {
        scope.warn("recording " + batch.size() + " completed tasks failed; their executors will send them again", result.cause());
        pending.forEach(p -> p.written().fail(result.cause()));
      }
      startWriters();
    });
  }

  private void publishDone(List<Completion> batch, RowSet<Row> recorded) {
    Map<Long, Completion> byId = new HashMap<>();
    batch.forEach(c -> byId.put(c.id(), c));
    List<TaskChange> changes = new ArrayList<>(recorded.size());
    for (Row row : recorded) {
      Completion c = byId.get(row.getLong("id"));
      Long runMillis = c.task().dispatchedAt > 0 ? Math.round(c.seconds() * 1000) : null;
      changes.add(TaskChange.of(row, TaskTransition.COMPLETED, TaskState.DONE).withRun(1.0, runMillis, null));
      c.task().tellOwner(scope.vertx.eventBus(), TaskState.DONE, 1, null);
    }
    TaskChanges.publish(scope.vertx.eventBus(), changes);
  }

  /** A finished run waiting to be written, and who waits for that (the executor's answer). */
  private record Pending(Completion completion, Promise<Void> written) {
  }

  /** A result stored for a run that was cancelled (or lost its lease) meanwhile belongs to no task. */
  private void discardUnusedResults(List<Completion> batch, Set<Long> recorded) {
    Set<String> unused = batch.stream().filter(c -> c.resultPath() != null && !recorded.contains(c.id()))
        .map(Completion::resultPath).collect(Collectors.toSet());
    if (!unused.isEmpty()) {
      sweeper.discardLater(unused);
    }
  }
}
