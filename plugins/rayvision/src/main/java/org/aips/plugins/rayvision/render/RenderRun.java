package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskStatus;
import org.aips.plugins.rayvision.poll.TaskPoller;
import org.aips.plugins.rayvision.poll.TaskWatcher;
import org.aips.plugins.rayvision.render.RenderCheckpoint.Stage;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of one {@code Render} task: create the farm task, checkpoint its id, upload task.json,
 * submit, then follow it through the shared poller until it ends. A resumed run continues from
 * its checkpoint and never creates or submits a task the farm already has.
 */
final class RenderRun implements TaskWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RenderRun.class);

  private final TaskContext context;
  private final RenderParams params;
  private final RayvisionClient client;
  private final TaskPoller poller;
  private final Promise<TaskResult> outcome = Promise.promise();
  private final AtomicBoolean stopSent = new AtomicBoolean();
  private volatile RenderCheckpoint checkpoint;
  private volatile boolean submitInFlight;
  private volatile Runnable unwatch = () -> { };
  private volatile boolean ending;

  RenderRun(TaskContext context, RenderParams params, RayvisionClient client, TaskPoller poller, RenderCheckpoint resumeFrom) {
    this.context = context;
    this.params = params;
    this.client = client;
    this.poller = poller;
    this.checkpoint = resumeFrom;
  }

  Future<TaskResult> start() {
    context.whenCancelled().onSuccess(v -> cancel());
    Future<Void> submitted = checkpoint == null ? createAndSubmit() : resume();
    submitted.onSuccess(v -> {
      if (!context.isCancelled()) {
        unwatch = poller.watch(checkpoint.remoteTaskId(), this);
      }
    }).onFailure(this::fail);
    return outcome.future();
  }

  private Future<Void> createAndSubmit() {
    return client.createTask(params.createRequest()).compose(created -> {
      if (created.taskIds().isEmpty()) {
        return Future.failedFuture(TaskFailure.retryable("Renderbus created no task id", null));
      }
      String alias = created.aliases().isEmpty() ? null : created.aliases().get(0);
      return save(new RenderCheckpoint(created.taskIds().get(0), alias, created.userId(), client.account().name(), Stage.CREATED));
    }).compose(v -> uploadAndSubmit());
  }

  private Future<Void> resume() {
    LOG.info("task {} resumes Renderbus task {} at stage {}", context.taskId(), checkpoint.remoteTaskId(), checkpoint.stage());
    return switch (checkpoint.stage()) {
      case SUBMITTED -> Future.succeededFuture();
      // stopped by a cancel that was in fact a shutdown: an AIPS task that is really cancelled never runs again
      case STOPPED -> client.startTasks(List.of(checkpoint.remoteTaskId())).compose(v -> save(checkpoint.at(Stage.SUBMITTED)));
      // the previous run may have died between submit and its checkpoint: ask the farm before submitting
      case CREATED -> client.taskInfo(List.of(checkpoint.remoteTaskId())).compose(infos ->
          infos.stream().anyMatch(i -> i.submitDate() != null) ? save(checkpoint.at(Stage.SUBMITTED)) : uploadAndSubmit());
    };
  }

  private Future<Void> uploadAndSubmit() {
    long id = checkpoint.remoteTaskId();
    return userId()
        .compose(userId -> client.uploadTaskJson(id, params.taskJsonFor(new FarmTaskJson.Stamp(id, userId, client.account().platform()))))
        .compose(v -> context.isCancelled() ? Future.failedFuture(new CancellationException()) : submit(id))
        .compose(v -> params.fullSpeed() ? client.fullSpeed(List.of(id)) : Future.succeededFuture());
  }

  /** A cancel that arrives while submitTask is on the wire is carried out when it answers: the farm task exists then. */
  private Future<Void> submit(long id) {
    submitInFlight = true;
    return client.submitTask(id, params.artist()).transform(answer -> {
      submitInFlight = false;
      if (context.isCancelled()) {
        stopFarmTask();
        return Future.failedFuture(new CancellationException());
      }
      return answer.succeeded() ? save(checkpoint.at(Stage.SUBMITTED)) : Future.failedFuture(answer.cause());
    });
  }

  /** Checkpoints written before userId was kept lack it; the profile has it. */
  private Future<Long> userId() {
    Long known = checkpoint.userId();
    return known != null ? Future.succeededFuture(known) : client.userProfile().map(profile -> profile.userId());
  }

  @Override
  public void onInfo(TaskInfo info) {
    if (ending) {
      return;
    }
    FrameTotals totals = FrameTotals.of(info);
    if (totals.total() > 0) {
      context.progress(Math.min(0.99, (double) totals.settled() / totals.total()));
    }
    TaskStatus.Phase phase = info.status().map(TaskStatus::phase).orElse(TaskStatus.Phase.ACTIVE);
    switch (phase) {
      case ACTIVE -> { }
      case FINISHED -> finish(info);
      case FAILED -> fail(TaskFailure.permanent("Renderbus task " + info.id() + " ended as "
          + info.status().map(TaskStatus::name).orElse("?") + " (" + info.statusCode() + ")"));
      case STOPPED -> fail(TaskFailure.permanent("Renderbus task " + info.id() + " was stopped on the farm: "
          + info.status().map(TaskStatus::name).orElse("?") + " (" + info.statusCode() + ")"));
    }
  }

  @Override
  public void onError(Throwable failure) {
    fail(failure);
  }

  private void finish(TaskInfo info) {
    ending = true;
    unwatch.run();
    RenderResult.collect(client, info).onSuccess(json -> {
      context.progress(1.0);
      outcome.tryComplete(TaskResult.json(json));
    }).onFailure(this::fail);
  }

  private void fail(Throwable failure) {
    ending = true;
    unwatch.run();
    if (failure instanceof CancellationException && stopSent.get()) {
      return; // the stop of the farm task ends the run once the farm has answered it
    }
    outcome.tryFail(Failures.toTaskFailure(failure));
  }

  /** Stops the farm task (if there is one) before the run ends, so a cancelled render stops costing money. */
  private void cancel() {
    ending = true;
    unwatch.run();
    if (checkpoint == null) {
      outcome.tryFail(new CancellationException()); // nothing created yet; a create still in flight is never submitted
    } else if (!submitInFlight) {
      stopFarmTask();
    } // else: submit() stops it once the farm has answered
  }

  private void stopFarmTask() {
    if (!stopSent.compareAndSet(false, true)) {
      return;
    }
    long id = checkpoint.remoteTaskId();
    save(checkpoint.at(Stage.STOPPED))
        .compose(v -> client.stopTasks(List.of(id)))
        .onComplete(stopped -> {
          if (stopped.failed()) {
            LOG.warn("task {}: stopping Renderbus task {} failed: {}", context.taskId(), id, stopped.cause().toString());
          }
          outcome.tryFail(new CancellationException());
        });
  }

  private Future<Void> save(RenderCheckpoint next) {
    checkpoint = next;
    return context.saveCheckpoint(next.toJson());
  }
}
