package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for submissions: the first one is written at once; those arriving while a write is
 * in flight are written together by the next statement. No timer, so an idle server adds no delay.
 * A bulk submission ({@link #submitAll}) is never split: its tasks go into the same statement.
 */
final class SubmissionBatcher {

  private static final int MAX_BATCH = 1000;

  /** One caller's tasks, answered together once the statement that holds them has committed. */
  private record Pending(List<NewTask> tasks, Promise<List<Submitted>> answer) {
  }

  private final Vertx vertx;
  private final TaskStore store;
  private final int vipStep;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private boolean writing;

  SubmissionBatcher(Vertx vertx, TaskStore store, int vipStep) {
    this.vertx = vertx;
    this.store = store;
    this.vipStep = vipStep;
  }

  Future<Submitted> submit(NewTask task) {
    return submitAll(List.of(task)).map(submitted -> submitted.get(0));
  }

  /** Inserts all of {@code tasks} in one statement (all or none), answered in their order. */
  Future<List<Submitted>> submitAll(List<NewTask> tasks) {
    Promise<List<Submitted>> answer = Promise.promise();
    pending.addLast(new Pending(List.copyOf(tasks), answer));
    if (!writing) {
      write();
    }
    return answer.future();
  }

  private void write() {
    List<Pending> batch = nextBatch();
    List<NewTask> tasks = new ArrayList<>();
    batch.forEach(p -> tasks.addAll(p.tasks()));
    writing = true;
    store.insert(tasks, vipStep).onComplete(result -> {
      if (result.succeeded()) {
        announce(tasks, result.result());
        int from = 0;
        for (Pending p : batch) {
          p.answer().complete(result.result().subList(from, from + p.tasks().size()));
          from += p.tasks().size();
        }
      } else {
        batch.forEach(p -> p.answer().fail(result.cause()));
      }
      writing = false;
      if (!pending.isEmpty()) {
        write();
      }
    });
  }

  /** The waiting callers whose tasks fit in {@link #MAX_BATCH}; always at least the first, however large. */
  private List<Pending> nextBatch() {
    List<Pending> batch = new ArrayList<>();
    int size = 0;
    while (!pending.isEmpty() && (batch.isEmpty() || size + pending.peekFirst().tasks().size() <= MAX_BATCH)) {
      Pending next = pending.pollFirst();
      batch.add(next);
      size += next.tasks().size();
    }
    return batch;
  }

  /**
   * Tells the watchers (console, webhooks) the tasks were submitted, then wakes the schedulers: in
   * that order, so that on one node a task's claim is not published before its submission.
   */
  private void announce(List<NewTask> tasks, List<Submitted> submitted) {
    List<TaskChange> changes = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      Submitted one = submitted.get(i);
      NewTask task = tasks.get(i);
      changes.add(new TaskChange(one.id(), one.queryCode(), task.taskType(), task.userId(),
          TaskTransition.SUBMITTED.wireName(), TaskState.WAITING, null, 0, null, null, null, null));
    }
    TaskChanges.publish(vertx.eventBus(), changes);
    vertx.eventBus().publish(Addresses.QUEUE_WAKE, null);
  }
}
