package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for submissions: the first one is written at once; those arriving while a write is
 * in flight are written together by the next statement. No timer, so an idle server adds no delay.
 */
final class SubmissionBatcher {

  private static final int MAX_BATCH = 1000;

  private record Pending(NewTask task, Promise<Submitted> answer) {
  }

  private final Vertx vertx;
  private final TaskStore store;
  private final int vipStep;
  private final List<Pending> pending = new ArrayList<>();
  private boolean writing;

  SubmissionBatcher(Vertx vertx, TaskStore store, int vipStep) {
    this.vertx = vertx;
    this.store = store;
    this.vipStep = vipStep;
  }

  Future<Submitted> submit(NewTask task) {
    Promise<Submitted> answer = Promise.promise();
    pending.add(new Pending(task, answer));
    if (!writing) {
      write();
    }
    return answer.future();
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(pending.subList(0, Math.min(MAX_BATCH, pending.size())));
    pending.subList(0, batch.size()).clear();
    writing = true;
    store.insert(batch.stream().map(Pending::task).toList(), vipStep).onComplete(result -> {
      if (result.succeeded()) {
        vertx.eventBus().publish(Addresses.QUEUE_WAKE, null);
        List<TaskChange> changes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          Submitted submitted = result.result().get(i);
          NewTask task = batch.get(i).task();
          changes.add(new TaskChange(submitted.id(), submitted.queryCode(), task.taskType(), task.userId(),
              TaskTransition.SUBMITTED.wireName(), TaskState.WAITING, null, 0, null, null, null, null));
        }
        TaskChanges.publish(vertx.eventBus(), changes);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(result.result().get(i));
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
}
