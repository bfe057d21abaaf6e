package org.aips.server.executor;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.FailureCodes;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;

/**
 * Runs tasks of the task types this node has (from plugins) for whichever scheduler sends them.
 * Announces its types, keeps at most {@link TaskType#concurrency()} runs per type (extra dispatches
 * wait here), forwards progress and heartbeats to the sending scheduler, and stops a task when
 * it is cancelled.
 */
public final class ExecutorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorVerticle.class);
  private static final long STATUS_INTERVAL_MILLIS = 500;

  private final Map<String, TaskType> types = new HashMap<>();
  private final String nodeId;
  private final long heartbeatMillis;
  private final Map<Long, RunningTask> running = new HashMap<>();
  private final Map<String, Integer> busy = new HashMap<>();
  private final Map<String, Queue<Message<Dispatch>>> waiting = new HashMap<>();
  private WebClient webClient;
  private long lastHeartbeat;

  public ExecutorVerticle(List<TaskType> taskTypes, String nodeId, long heartbeatMillis) {
    taskTypes.forEach(type -> types.put(type.name(), type));
    this.nodeId = nodeId;
    this.heartbeatMillis = heartbeatMillis;
  }

  @Override
  public Future<?> start() {
    webClient = WebClient.create(vertx);
    List<Future<Void>> registrations = new ArrayList<>();
    for (String type : types.keySet()) {
      registrations.add(vertx.eventBus().<Dispatch>consumer(Addresses.executor(type), this::accept).completion());
    }
    registrations.add(vertx.eventBus().<JsonObject>consumer(Addresses.TASK_CANCEL, m -> cancel(m.body().getLong("id"))).completion());
    registrations.add(vertx.eventBus().consumer(Addresses.EXECUTOR_DISCOVER, m -> announce()).completion());
    vertx.setPeriodic(STATUS_INTERVAL_MILLIS, id -> sendStatus());
    vertx.setPeriodic(heartbeatMillis, id -> announce());
    return Future.all(registrations).onSuccess(done -> {
      announce();
      LOG.info("executor on node {} runs task types {}", nodeId, types.keySet());
    });
  }

  @Override
  public Future<?> stop() {
    running.values().forEach(RunningTask::cancel);
    webClient.close();
    return Future.succeededFuture();
  }

  private void announce() {
    JsonArray offers = new JsonArray();
    types.values().forEach(type -> offers.add(TaskTypeOffer.of(type).toJson()));
    vertx.eventBus().publish(Addresses.EXECUTOR_ANNOUNCE, new JsonObject().put("node", nodeId).put("types", offers));
  }

  private void accept(Message<Dispatch> message) {
    String type = message.body().type();
    if (busy.getOrDefault(type, 0) >= types.get(type).concurrency()) {
      waiting.computeIfAbsent(type, t -> new ArrayDeque<>()).add(message);
    } else {
      run(message);
    }
  }

  private void run(Message<Dispatch> message) {
    Dispatch dispatch = message.body();
    TaskType type = types.get(dispatch.type());
    RunningTask task = new RunningTask(dispatch, vertx, webClient);
    running.put(dispatch.id(), task);
    busy.merge(dispatch.type(), 1, Integer::sum);
    Future<TaskResult> outcome;
    try {
      outcome = type.execute(task);
    } catch (RuntimeException | LinkageError e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(result -> {
      running.remove(dispatch.id());
      busy.merge(dispatch.type(), -1, Integer::sum);
      if (task.isCancelled()) {
        message.fail(FailureCodes.CANCELLED, "cancelled");
      } else if (result.succeeded()) {
        message.reply(RunOutput.of(nodeId, result.result()));
      } else {
        fail(message, dispatch, result.cause());
      }
      Message<Dispatch> next = waiting.getOrDefault(dispatch.type(), new ArrayDeque<>()).poll();
      if (next != null) {
        run(next);
      }
    });
  }

  private void fail(Message<Dispatch> message, Dispatch dispatch, Throwable cause) {
    String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    if (cause instanceof CancellationException) {
      message.fail(FailureCodes.CANCELLED, "cancelled");
    } else if (cause instanceof TaskFailure failure && !failure.isRetryable()) {
      message.fail(FailureCodes.PERMANENT, text);
    } else {
      LOG.warn("task {} ({}) attempt {} failed: {}", dispatch.id(), dispatch.type(), dispatch.attempt(), text);
      message.fail(FailureCodes.RETRYABLE, text);
    }
  }

  private void cancel(long id) {
    RunningTask task = running.get(id);
    if (task != null) {
      task.cancel();
      return;
    }
    for (Queue<Message<Dispatch>> queue : waiting.values()) {
      queue.removeIf(message -> {
        boolean match = message.body().id() == id;
        if (match) {
          message.fail(FailureCodes.CANCELLED, "cancelled");
        }
        return match;
      });
    }
  }

  /** Sends each scheduler the progress of its tasks, and (every heartbeat) the list of those still alive here. */
  private void sendStatus() {
    long now = System.currentTimeMillis();
    boolean heartbeat = now - lastHeartbeat >= heartbeatMillis;
    if (heartbeat) {
      lastHeartbeat = now;
    }
    Map<String, JsonObject> byInbox = new HashMap<>();
    running.values().forEach(task -> addStatus(byInbox, task.dispatch().inbox(), task.dispatch().id(), task.takeProgress().orElse(null), heartbeat));
    if (heartbeat) {
      waiting.values().forEach(queue -> queue.forEach(message ->
          addStatus(byInbox, message.body().inbox(), message.body().id(), null, true)));
    }
    byInbox.forEach((inbox, status) -> vertx.eventBus().send(inbox, status));
  }

  private static void addStatus(Map<String, JsonObject> byInbox, String inbox, long id, Double progress, boolean heartbeat) {
    if (progress == null && !heartbeat) {
      return;
    }
    JsonObject status = byInbox.computeIfAbsent(inbox, i -> new JsonObject().put("kind", "status")
        .put("alive", new JsonArray()).put("progress", new JsonObject()));
    status.getJsonArray("alive").add(id);
    if (progress != null) {
      status.getJsonObject("progress").put(Long.toString(id), progress);
    }
  }
}
