package org.aips.server.executor;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.FailureCodes;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.aips.server.logging.TaskLogContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Runs tasks of the task types this node has (from plugins) for whichever scheduler sends them.
 * Announces its types, keeps at most {@link TaskType#concurrency()} runs per type (extra dispatches
 * wait here), sends outcomes, progress and heartbeats to the sending scheduler, and stops a task
 * when it is cancelled. Outcomes that end in the same event-loop turn travel in one message.
 */
public final class ExecutorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorVerticle.class);
  private static final long STATUS_INTERVAL_MILLIS = 500;
  private static final String HANDED_BACK = "handed back: its node stopped before the task finished";
  /** How long a clean stop waits for the schedulers to write the last outcomes. */
  private static final long OUTCOMES_WRITTEN_MILLIS = 10_000;

  private final Map<String, TaskType> types = new HashMap<>();
  /** What each type announces, read from the plugin once: plugin code that throws there leaves its type out, not the node. */
  private final Map<String, TaskTypeOffer> offers = new HashMap<>();
  private final String nodeId;
  private final long heartbeatMillis;
  private final BlobStore blobs;
  private final Map<Long, RunningTask> running = new HashMap<>();
  private final Map<String, Integer> busy = new HashMap<>();
  /** Types whose waiting tasks {@link #startWaiting} is starting now (a guard against re-entry). */
  private final Set<String> startingWaiting = new HashSet<>();
  private final Map<String, Queue<Dispatch>> waiting = new HashMap<>();
  private final SchedulerInboxes inboxes = new SchedulerInboxes();
  /** Inboxes whose scheduler has gone, with an adoption of their runs asked for and not yet answered. */
  private final Set<String> adopting = new HashSet<>();
  private OutcomeDelivery outcomes;
  private WebClient webClient;
  /** This verticle's event loop: all of its state is touched only there. */
  private Context context;
  private long lastHeartbeat;
  private final List<MessageConsumer<DispatchBatch>> dispatchConsumers = new ArrayList<>();
  /** Set by {@link #finish}: no new work, and what is left ends as handed back. */
  private Promise<Void> finished;

  public ExecutorVerticle(List<TaskType> taskTypes, String nodeId, long heartbeatMillis, BlobStore blobs) {
    taskTypes.forEach(type -> types.put(type.name(), type));
    this.nodeId = nodeId;
    this.heartbeatMillis = heartbeatMillis;
    this.blobs = blobs;
  }

  @Override
  public Future<?> start() {
    webClient = WebClient.create(vertx);
    context = vertx.getOrCreateContext();
    outcomes = new OutcomeDelivery(vertx, inboxes);
    readOffers();
    List<Future<Void>> registrations = new ArrayList<>();
    for (String type : types.keySet()) {
      MessageConsumer<DispatchBatch> consumer = vertx.eventBus().consumer(Addresses.executor(type), this::accept);
      dispatchConsumers.add(consumer);
      registrations.add(consumer.completion());
    }
    registrations.add(vertx.eventBus().<JsonObject>consumer(Addresses.TASK_CANCEL,
        m -> cancel(m.body().getLong("id"), m.body().getInteger("attempt", Integer.MAX_VALUE))).completion());
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

  private void readOffers() {
    for (TaskType type : List.copyOf(types.values())) {
      try {
        offers.put(type.name(), TaskTypeOffer.of(type));
      } catch (RuntimeException | LinkageError e) {
        types.remove(type.name());
        LOG.error("task type {} left out: its plugin failed to describe it (schema, inputs, estimate or concurrency)", type.name(), e);
      }
    }
  }

  /**
   * A clean stop: takes no more work (its types are withdrawn from the schedulers' directories),
   * hands back what was queued here, and gives running tasks {@code graceMillis} to finish; those
   * still running then are cancelled and handed back (queued again, their attempt not counted).
   * Completes once every outcome is written by a scheduler (or {@link #OUTCOMES_WRITTEN_MILLIS} passed). Any thread.
   */
  public Future<Void> finish(long graceMillis) {
    if (context == null) {
      return Future.succeededFuture(); // never started
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      finished = done;
      dispatchConsumers.forEach(MessageConsumer::unregister);
      offers.clear();
      announce();
      waiting.values().forEach(queue -> queue.forEach(dispatch -> send(Outcome.failed(dispatch, FailureCodes.HANDED_BACK, HANDED_BACK), dispatch)));
      waiting.clear();
      if (running.isEmpty()) {
        completeFinish();
        return;
      }
      LOG.info("stopping: waiting up to {} ms for {} running tasks", graceMillis, running.size());
      vertx.setTimer(Math.max(1, graceMillis), id -> {
        if (!running.isEmpty()) {
          LOG.warn("stopping: handing back {} tasks still running after the grace period", running.size());
          running.values().forEach(RunningTask::handBack);
        }
      });
    });
    return done.future();
  }

  /** After the outcomes already queued on this loop have been sent and written. */
  private void completeFinish() {
    context.runOnContext(v -> context.runOnContext(w -> outcomes.drained(OUTCOMES_WRITTEN_MILLIS).onComplete(x -> finished.tryComplete())));
  }

  private void announce() {
    JsonArray announced = new JsonArray();
    offers.values().forEach(offer -> announced.add(offer.toJson()));
    vertx.eventBus().publish(Addresses.EXECUTOR_ANNOUNCE, new JsonObject().put("node", nodeId).put("types", announced)
        .put("running", new JsonObject(new HashMap<>(busy))));
  }

  /** Acknowledges the batch at once; its tasks run or wait here, and their outcomes follow separately. */
  private void accept(Message<DispatchBatch> message) {
    message.reply(null);
    for (Dispatch dispatch : message.body().tasks()) {
      if (finished != null) {
        send(Outcome.failed(dispatch, FailureCodes.HANDED_BACK, HANDED_BACK), dispatch); // sent before the consumer went away
      } else if (busy.getOrDefault(dispatch.type(), 0) >= offers.get(dispatch.type()).concurrency()) {
        waiting.computeIfAbsent(dispatch.type(), t -> new ArrayDeque<>()).add(dispatch);
      } else {
        run(dispatch);
      }
    }
  }

  private void run(Dispatch dispatch) {
    TaskType type = types.get(dispatch.type());
    RunningTask task = new RunningTask(dispatch, vertx, webClient, blobs, inboxes);
    running.put(dispatch.id(), task);
    busy.merge(dispatch.type(), 1, Integer::sum);
    Future<TaskResult> outcome;
    try (TaskLogContext ignored = task.logContext()) {
      outcome = type.execute(task);
    } catch (RuntimeException | LinkageError e) {
      outcome = Future.failedFuture(e);
    }
    // A plugin may complete its future on any thread (a worker, a client library's thread, a test):
    // come back to this verticle's event loop before touching its state.
    outcome.onComplete(result -> onThisContext(() -> ended(dispatch, task, result)));
  }

  private void ended(Dispatch dispatch, RunningTask task, AsyncResult<TaskResult> result) {
    running.remove(dispatch.id());
    busy.merge(dispatch.type(), -1, Integer::sum);
    try (TaskLogContext ignored = task.logContext()) {
      sendOutcome(dispatch, task, result);
    }
    startWaiting(dispatch.type());
    if (finished != null && running.isEmpty()) {
      completeFinish();
    }
  }

  /**
   * Starts waiting tasks of {@code type} while it has free slots, in a loop: a run that ends at once
   * ends inside {@link #run}, and starting the next from there would nest one level per waiting task
   * (thousands of them overflowed the stack, leaving a run started and never ended). A run ending
   * inside the loop only frees its slot; the loop fills it.
   */
  private void startWaiting(String type) {
    if (!startingWaiting.add(type)) {
      return;
    }
    try {
      Queue<Dispatch> queued = waiting.get(type);
      while (queued != null && !queued.isEmpty() && busy.getOrDefault(type, 0) < offers.get(type).concurrency()) {
        run(queued.poll());
      }
    } finally {
      startingWaiting.remove(type);
    }
  }

  private void sendOutcome(Dispatch dispatch, RunningTask task, AsyncResult<TaskResult> result) {
    if (task.isHandedBack()) {
      send(Outcome.failed(dispatch, FailureCodes.HANDED_BACK, HANDED_BACK), dispatch);
    } else if (task.isCancelled()) {
      send(Outcome.failed(dispatch, FailureCodes.CANCELLED, "cancelled"), dispatch);
    } else if (result.succeeded()) {
      send(Outcome.succeeded(dispatch, RunOutput.of(nodeId, result.result())), dispatch);
    } else {
      send(failure(dispatch, result.cause()), dispatch);
    }
  }

  private void onThisContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private Outcome failure(Dispatch dispatch, Throwable cause) {
    String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    if (cause instanceof CancellationException) {
      return Outcome.failed(dispatch, FailureCodes.CANCELLED, "cancelled");
    } else if (cause instanceof TaskFailure failure && !failure.isRetryable()) {
      return Outcome.failed(dispatch, FailureCodes.PERMANENT, text);
    } else if (cause instanceof TaskFailure failure && failure.isUnavailable()) {
      return Outcome.failed(dispatch, FailureCodes.UNAVAILABLE, text);
    }
    LOG.warn("task {} ({}) attempt {} failed: {}", dispatch.id(), dispatch.type(), dispatch.attempt(), text);
    return Outcome.failed(dispatch, FailureCodes.RETRYABLE, text);
  }

  private void send(Outcome outcome, Dispatch dispatch) {
    outcomes.send(outcome, dispatch.inbox());
  }

  /** Stops the run of task {@code id} if it is attempt {@code upTo} or older (a cancel names no attempt: any run). */
  private void cancel(long id, int upTo) {
    RunningTask task = running.get(id);
    if (task != null) {
      if (task.attempt() <= upTo) {
        task.cancel();
      }
      return;
    }
    for (Queue<Dispatch> queue : waiting.values()) {
      queue.removeIf(dispatch -> {
        boolean match = dispatch.id() == id && dispatch.attempt() <= upTo;
        if (match) {
          send(Outcome.failed(dispatch, FailureCodes.CANCELLED, "cancelled"), dispatch);
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
    running.values().forEach(task -> addStatus(byInbox, inboxes.current(task.dispatch().inbox()), task.dispatch().id(),
        task.takeProgress().orElse(null), heartbeat));
    if (heartbeat) {
      waiting.values().forEach(queue -> queue.forEach(dispatch -> addStatus(byInbox, inboxes.current(dispatch.inbox()), dispatch.id(), null, true)));
      outcomes.waitingInboxes().forEach(inbox -> status(byInbox, inbox)); // is the scheduler that should write them still there?
    }
    byInbox.forEach((inbox, status) -> vertx.eventBus().request(inbox, status).onFailure(cause -> {
      if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        askAdoption(inbox);
      }
    }));
  }

  /**
   * The scheduler behind {@code inbox} has gone (kill -9, a lost node) while runs it dispatched live
   * on here: a live scheduler takes over their leases, so that they finish once instead of running
   * again when the leases expire. Runs it could not take (already put back in the queue) are stopped.
   */
  private void askAdoption(String inbox) {
    if (!adopting.add(inbox)) {
      return;
    }
    JsonArray runs = new JsonArray();
    running.values().stream().map(RunningTask::dispatch).filter(d -> inboxes.current(d.inbox()).equals(inbox))
        .forEach(d -> runs.add(new JsonObject().put("id", d.id()).put("type", d.type()).put("attempt", d.attempt())));
    waiting.values().forEach(queue -> queue.stream().filter(d -> inboxes.current(d.inbox()).equals(inbox))
        .forEach(d -> runs.add(new JsonObject().put("id", d.id()).put("type", d.type()).put("attempt", d.attempt()))));
    outcomes.addRuns(inbox, runs); // finished, not yet written: written by the adopter instead of run again
    vertx.eventBus().<JsonObject>request(Addresses.ADOPT_RUNS, new JsonObject().put("runs", runs)).onComplete(answer -> {
      adopting.remove(inbox);
      if (answer.failed()) {
        LOG.warn("{} runs of a scheduler that has gone found no scheduler to adopt them; their leases will expire", runs.size(), answer.cause());
        return;
      }
      String adopter = answer.result().body().getString("inbox");
      inboxes.adoptedBy(inbox, adopter);
      Set<Long> gone = new HashSet<>();
      answer.result().body().getJsonArray("gone").forEach(id -> gone.add(((Number) id).longValue()));
      gone.forEach(id -> cancel(id, Integer.MAX_VALUE));
      outcomes.adopted(adopter, gone);
      LOG.info("runs of scheduler inbox {} adopted by {}", inbox, answer.result().body().getString("inbox"));
    });
  }

  private static JsonObject status(Map<String, JsonObject> byInbox, String inbox) {
    return byInbox.computeIfAbsent(inbox, i -> new JsonObject().put("kind", "status").put("alive", new JsonArray()).put("progress", new JsonObject()));
  }

  private static void addStatus(Map<String, JsonObject> byInbox, String inbox, long id, Double progress, boolean heartbeat) {
    if (progress == null && !heartbeat) {
      return;
    }
    JsonObject status = status(byInbox, inbox);
    status.getJsonArray("alive").add(id);
    if (progress != null) {
      status.getJsonObject("progress").put(Long.toString(id), progress);
    }
  }
}
