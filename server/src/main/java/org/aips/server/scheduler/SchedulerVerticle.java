package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.FailureCodes;
import org.aips.server.bus.TaskEvents;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.config.AipsConfig;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.executor.RunOutcomes;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.aips.server.executor.RunOutput;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Moves tasks from the queue to executors. Claims in processNo order in batches (FOR UPDATE SKIP
 * LOCKED, so several schedulers can share a database), leases what it claims and renews the lease
 * while the executor keeps sending heartbeats, writes completions in batches, and puts back work
 * whose executor or scheduler disappeared. Wakes on {@code aips.queue.wake}, not by polling.
 */
public final class SchedulerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);
  /** A slow acknowledgement is not a lost batch: silent executors are the watchdog's business (heartbeats). */
  private static final DeliveryOptions NO_ACK_TIMEOUT = new DeliveryOptions().setSendTimeout(TimeUnit.DAYS.toMillis(1));
  /** Most tasks in one dispatch message. */
  private static final int MAX_DISPATCH_BATCH = 256;
  private static final int COMPLETION_BATCH = 4096;
  /** Completion writes in flight at once: one alone leaves the drain waiting on each commit. */
  private static final int COMPLETION_WRITERS = 2;
  /** A second writer starts only for a batch at least this large (small batches cost more than they save). */
  private static final int SECOND_WRITER_MIN_BATCH = 512;
  /** Finished runs not yet written, all types together, beyond which no more tasks are claimed (back-pressure). */
  private static final int MAX_UNWRITTEN = COMPLETION_WRITERS * COMPLETION_BATCH;

  private final AipsConfig config;
  private final DatabaseUrl databaseUrl;
  private final BlobStore blobs;
  private final String nodeId;
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final Map<String, Integer> inFlightByType = new HashMap<>();
  private final List<Completion> completions = new ArrayList<>();
  /** Types whose last claim found fewer tasks than it asked for: not asked again until new work is announced. */
  private final Set<String> drainedTypes = new HashSet<>();
  private final Map<Long, Double> progress = new HashMap<>();
  private final RunTimeStats stats = new RunTimeStats();
  private Pool pool;
  private QueueStore store;
  private TaskTypeDirectory directory;
  private RetentionSweeper sweeper;
  private boolean claiming;
  private boolean claimAgain;
  /** Counts wakes, so that a claim that raced a wake does not mark a type drained. */
  private long wakes;
  /** Finished runs not yet written: waiting in {@link #completions} or being written. */
  private int unwritten;
  private int writers;
  private boolean writerStarting;
  /** Set while undeploying: database calls then fail with "pool closed", which is expected, not news. */
  private boolean stopping;
  /** Set by {@link #drain}: nothing more is claimed. */
  private boolean draining;
  /** Failures being written (a drain waits for them). */
  private int failuresInFlight;
  private RetryBackoff backoff;
  private io.vertx.core.Context context;

  public SchedulerVerticle(AipsConfig config, DatabaseUrl databaseUrl, BlobStore blobs, String nodeId) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.blobs = blobs;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    // Every batch statement is planned for its actual arrays: a generic plan assumes 10 elements per
    // unnest, and then nests loops over thousands (measured: 2.9 s instead of 0.1 s per 2,048 completions).
    PgConnectOptions connect = databaseUrl.connectOptions().addProperty("plan_cache_mode", "force_custom_plan");
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.max(2, config.dbPoolSize() / 2)))
        .connectingTo(connect).using(vertx).build();
    store = new QueueStore(pool);
    context = vertx.getOrCreateContext();
    backoff = new RetryBackoff(config.retryBackoffSeconds(), config.retryBackoffMaxSeconds(), config.unavailableRetrySeconds());
    sweeper = new RetentionSweeper(vertx, pool, blobs, Duration.ofSeconds(config.blobGraceSeconds()));
    directory = new TaskTypeDirectory(vertx, TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds()));
    return Future.all(
            vertx.eventBus().consumer(Addresses.QUEUE_WAKE, m -> wake()).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.schedulerInbox(nodeId), this::onInbox).completion(),
            vertx.eventBus().<RunOutcomes>consumer(Addresses.outcomeInbox(Addresses.schedulerInbox(nodeId)), this::onOutcomes).completion(),
            vertx.eventBus().<RunOutcomes>consumer(Addresses.ADOPTED_OUTCOMES, this::onAdoptedOutcomes).completion())
        .compose(registered -> recoverOrphans(!config.clusterEnabled()))
        .onSuccess(recovered -> {
          directory.start(this::claim);
          long leaseMillis = TimeUnit.SECONDS.toMillis(config.leaseSeconds());
          vertx.setPeriodic(Math.max(500, leaseMillis / 3), id -> renewLeases());
          vertx.setPeriodic(TimeUnit.SECONDS.toMillis(config.orphanCheckSeconds()), id -> recoverOrphans(false));
          vertx.setPeriodic(TimeUnit.SECONDS.toMillis(config.sweepSeconds()), id -> sweeper.sweep());
          vertx.setPeriodic(1000, id -> watchExecutors());
          vertx.setPeriodic(500, id -> flushProgress());
          vertx.setPeriodic(2000, id -> flushStats());
          vertx.setPeriodic(1000, id -> wake()); // in case a wake was missed (another node's requeue, a lost message)
          LOG.info("scheduler {} started", nodeId);
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    directory.stop();
    return pool.close();
  }

  /**
   * A clean stop: claims nothing more, waits up to {@code timeoutMillis} for the runs in flight to
   * report and for every completion and failure to be written, then hands back the runs still out
   * (their executors are told to stop; the tasks are queued again, their attempt not counted).
   * Nothing that finished is lost or run again. Any thread.
   */
  public Future<Void> drain(long timeoutMillis) {
    if (context == null) {
      return Future.succeededFuture(); // never started
    }
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    context.runOnContext(v -> {
      draining = true;
      awaitDrained(drained, deadline);
    });
    return drained.future();
  }

  private void awaitDrained(Promise<Void> drained, long deadline) {
    if (inFlight.isEmpty() && unwritten == 0 && failuresInFlight == 0) {
      flushProgress();
      drained.complete();
      return;
    }
    if (System.currentTimeMillis() >= deadline && !inFlight.isEmpty()) {
      LOG.warn("stopping: handing back {} tasks whose executors did not report in time", inFlight.size());
      for (InFlight task : List.copyOf(inFlight.values())) {
        release(task);
        vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", task.id).put("attempt", task.attempt));
        recordFailure(task, true, false, "HANDED_BACK", "handed back: its scheduler stopped before the task finished", 0);
      }
    }
    vertx.setTimer(20, id -> awaitDrained(drained, deadline));
  }

  // ---- claiming and dispatch ----

  /** New work may be queued (a submission, a requeue): every type may be claimed again. */
  private void wake() {
    wakes++;
    drainedTypes.clear();
    claim();
  }

  private void claim() {
    if (stopping || draining) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    Map<String, Integer> wanted = freeSlots();
    if (wanted.isEmpty()) {
      return;
    }
    claiming = true;
    claimAgain = false;
    long wakesBefore = wakes;
    store.claim(wanted, nodeId, config.leaseSeconds()).onComplete(result -> {
      claiming = false;
      if (result.failed()) {
        warn("claiming tasks failed", result.cause());
        return;
      }
      Map<String, List<Row>> claimed = new HashMap<>();
      result.result().forEach(row -> claimed.computeIfAbsent(row.getString("task_type"), type -> new ArrayList<>()).add(row));
      claimed.forEach((type, rows) -> {
        int batch = dispatchBatchSize(type);
        for (int from = 0; from < rows.size(); from += batch) {
          dispatch(type, rows.subList(from, Math.min(rows.size(), from + batch)));
        }
      });
      boolean moreWaiting = false;
      for (Map.Entry<String, Integer> asked : wanted.entrySet()) {
        if (claimed.getOrDefault(asked.getKey(), List.of()).size() >= asked.getValue()) {
          moreWaiting = true;
        } else if (wakes == wakesBefore) {
          drainedTypes.add(asked.getKey());
        }
      }
      if (claimAgain || moreWaiting) {
        vertx.runOnContext(v -> claim());
      }
    });
  }

  private Map<String, Integer> freeSlots() {
    Map<String, Integer> wanted = new HashMap<>();
    if (unwritten >= MAX_UNWRITTEN) {
      return wanted;
    }
    for (String type : directory.types()) {
      if (drainedTypes.contains(type)) {
        continue;
      }
      int capacity = directory.find(type).map(TaskTypeOffer::concurrency).orElse(0);
      capacity = Math.min(capacity, config.concurrencyCaps().getInteger(type, Integer.MAX_VALUE));
      int free = Math.min(capacity - inFlightByType.getOrDefault(type, 0), config.claimBatch());
      if (free > 0) {
        wanted.put(type, free);
      }
    }
    return wanted;
  }

  /** Tasks per dispatch message: up to half a node's concurrency, so that batches still spread over the nodes. */
  private int dispatchBatchSize(String type) {
    int perNode = directory.find(type).map(TaskTypeOffer::concurrency).orElse(1) / Math.max(1, directory.nodes(type));
    return Math.max(1, Math.min(MAX_DISPATCH_BATCH, perNode / 2));
  }

  /** Sends tasks of one type to an executor node in one message; a task whose inputs cannot be read fails alone. */
  private void dispatch(String type, List<Row> rows) {
    List<InFlight> tasks = new ArrayList<>(rows.size());
    List<Future<Dispatch>> prepared = new ArrayList<>(rows.size());
    for (Row row : rows) {
      InFlight task = new InFlight(row.getLong("id"), type, row.getInteger("attempts"), System.currentTimeMillis(),
          row.getString("owner"), row.getString("query_code"), row.getString("user_id"));
      publish(task, TaskState.RUNNING, 0, null);
      task.change(TaskTransition.CLAIMED.wireName(), nodeId, null).publish(vertx.eventBus());
      inFlight.put(task.id, task);
      inFlightByType.merge(type, 1, Integer::sum);
      tasks.add(task);
      Map<String, String> inputKeys = inputKeys((JsonObject) row.getValue("inputs"));
      prepared.add(readSmallInputs((JsonObject) row.getValue("inputs")).map(inputs -> {
        JsonObject params = (JsonObject) row.getValue("params");
        return new Dispatch(task.id, type, task.attempt, row.getInteger("quality"), params == null ? new JsonObject() : params,
            (JsonObject) row.getValue("checkpoint"), inputs, inputKeys, Addresses.schedulerInbox(nodeId));
      }).onFailure(e -> {
        if (release(task)) {
          failed(task, e);
        }
      }));
    }
    Future.join(prepared).onComplete(read -> {
      List<Dispatch> ready = prepared.stream().filter(Future::succeeded).map(Future::result).toList();
      if (ready.isEmpty()) {
        return;
      }
      vertx.eventBus().request(Addresses.executor(type), new DispatchBatch(ready), NO_ACK_TIMEOUT).onFailure(cause -> {
        for (InFlight task : tasks) {
          if (release(task)) {
            failed(task, cause);
          }
        }
        claim();
      });
    });
  }

  private static Map<String, String> inputKeys(JsonObject inputs) {
    if (inputs == null) {
      return Map.of();
    }
    Map<String, String> keys = new HashMap<>();
    inputs.forEach(input -> keys.put(input.getKey(), ((JsonObject) input.getValue()).getString("key")));
    return keys;
  }

  /**
   * Reads the task's inputs up to scheduler.inlineInputBytes (larger ones travel by reference); the
   * map is built once every read is done (no shared map filled from callbacks).
   */
  private Future<Map<String, Buffer>> readSmallInputs(JsonObject inputs) {
    List<String> names = new ArrayList<>();
    List<Future<Buffer>> reads = new ArrayList<>();
    if (inputs != null) {
      for (String name : inputs.fieldNames()) {
        JsonObject input = inputs.getJsonObject(name);
        Long size = input.getLong("size");
        if (size == null || size <= config.inlineInputBytes()) {
          names.add(name);
          reads.add(vertx.fileSystem().readFile(blobs.resolve(input.getString("key")).toString()));
        }
      }
    }
    if (reads.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(reads).map(all -> {
      Map<String, Buffer> bytes = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        bytes.put(names.get(i), reads.get(i).result());
      }
      return bytes;
    });
  }

  private boolean release(InFlight task) {
    if (inFlight.remove(task.id) == null) {
      return false;
    }
    inFlightByType.merge(task.type, -1, Integer::sum);
    return true;
  }

  // ---- outcomes ----

  private void onOutcomes(Message<RunOutcomes> message) {
    message.reply(null);
    for (Outcome outcome : message.body().outcomes()) {
      InFlight task = inFlight.get(outcome.id());
      if (task == null || task.attempt != outcome.attempt() || !release(task)) {
        continue; // the watchdog already gave up on this run
      }
      if (outcome.output() != null) {
        complete(task, outcome.output());
      } else {
        failed(task, outcome.failureCode(), outcome.error());
      }
    }
    claim();
  }

  /**
   * Outcomes of runs another scheduler dispatched and can no longer take (it has gone). Written like
   * this scheduler's own: the statements check the run is still the task's (same attempt), so a run
   * whose lease was already recovered is not recorded twice.
   */
  private void onAdoptedOutcomes(Message<RunOutcomes> message) {
    message.reply(null);
    LOG.info("adopting {} outcomes whose scheduler has gone", message.body().outcomes().size());
    for (Outcome outcome : message.body().outcomes()) {
      // dispatched elsewhere at an unknown time: 0 keeps its run time out of the type's statistics
      InFlight task = new InFlight(outcome.id(), outcome.type(), outcome.attempt(), 0, null, null, null);
      if (outcome.output() != null) {
        complete(task, outcome.output());
      } else {
        failed(task, outcome.failureCode(), outcome.error());
      }
    }
  }

  private void complete(InFlight task, RunOutput output) {
    double seconds = (System.currentTimeMillis() - task.dispatchedAt) / 1000.0;
    if (output.bytes() != null) {
      byte[] bytes = output.bytes().getBytes();
      vertx.executeBlocking(() -> blobs.put(bytes), false)
          .onSuccess(blob -> addCompletion(new Completion(task, blob.key(), output.contentType(), null, output.node(), seconds)))
          .onFailure(e -> failed(task, e));
    } else {
      addCompletion(new Completion(task, null, output.contentType(), output.json(), output.node(), seconds));
    }
  }

  private void addCompletion(Completion completion) {
    completions.add(completion);
    unwritten++;
    if (!writerStarting) {
      writerStarting = true;
      vertx.runOnContext(v -> { // after the outcomes already queued on this loop, so that they join the batch
        writerStarting = false;
        startWriters();
      });
    }
  }

  /** The first writer starts for any completion, for latency; a second one only when enough is waiting. */
  private void startWriters() {
    while (!completions.isEmpty()
        && (writers == 0 || (writers < COMPLETION_WRITERS && completions.size() >= SECOND_WRITER_MIN_BATCH))) {
      writers++;
      flushCompletions();
    }
  }

  private void flushCompletions() {
    List<Completion> batch = new ArrayList<>(completions.subList(0, Math.min(COMPLETION_BATCH, completions.size())));
    completions.subList(0, batch.size()).clear();
    store.complete(batch).onComplete(result -> {
      unwritten -= batch.size();
      writers--;
      claim();
      if (result.succeeded()) {
        batch.stream().filter(c -> c.task().dispatchedAt > 0).forEach(c -> stats.record(c.type(), c.seconds()));
        Set<Long> recorded = new HashSet<>();
        result.result().forEach(row -> recorded.add(row.getLong("id")));
        discardUnusedResults(batch, recorded);
        publishDone(batch, result.result());
      } else {
        warn("recording " + batch.size() + " completed tasks failed; their leases will expire and they will run again", result.cause());
      }
      startWriters();
    });
  }

  private void publishDone(List<Completion> batch, RowSet<Row> recorded) {
    Map<Long, Completion> byId = new HashMap<>();
    batch.forEach(c -> byId.put(c.id(), c));
    for (Row row : recorded) {
      Completion c = byId.get(row.getLong("id"));
      Long runMillis = c.task().dispatchedAt > 0 ? Math.round(c.seconds() * 1000) : null;
      TaskChange.of(row, TaskTransition.COMPLETED, TaskState.DONE).withRun(1.0, runMillis, null).publish(vertx.eventBus());
      if (c.task().owner != null) {
        publish(c.task(), TaskState.DONE, 1, null);
      }
    }
  }

  /** A state change of a plugin's task, for the plugin (no-op for REST tasks). */
  private void publish(InFlight task, TaskState state, double fraction, String error) {
    TaskEvents.publish(vertx.eventBus(), task.owner, task.queryCode, task.type, state, fraction, error);
  }

  /** A result stored for a run that was cancelled (or lost its lease) meanwhile belongs to no task. */
  private void discardUnusedResults(List<Completion> batch, Set<Long> recorded) {
    Set<String> unused = batch.stream().filter(c -> c.resultPath() != null && !recorded.contains(c.id()))
        .map(Completion::resultPath).collect(Collectors.toSet());
    if (!unused.isEmpty()) {
      sweeper.discardLater(unused);
    }
  }

  /** A run the executor ended without a result, with a {@link FailureCodes} code. */
  private void failed(InFlight task, int failureCode, String error) {
    switch (failureCode) {
      case FailureCodes.CANCELLED -> { } // the cancel (or stop) already ended the task
      case FailureCodes.PERMANENT -> recordFailure(task, false, true, "PERMANENT", error, 0);
      case FailureCodes.UNAVAILABLE -> recordFailure(task, true, false, "UNAVAILABLE", "waiting: " + error, backoff.whileUnavailable());
      case FailureCodes.HANDED_BACK -> recordFailure(task, true, false, "HANDED_BACK", error, 0);
      default -> recordFailure(task, true, true, FailureCodes.name(failureCode), error, backoff.afterFailure(task.attempt));
    }
  }

  /** A run that failed here or on the way: no executor for the type (not counted), or like a retryable failure. */
  private void failed(InFlight task, Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      directory.forget(task.type);
      recordFailure(task, true, false, "NO_EXECUTOR", "no executor for task type " + task.type, 0);
    } else {
      recordFailure(task, true, true, "DISPATCH_FAILED", cause.getMessage(), backoff.afterFailure(task.attempt));
    }
  }

  /** {@code code}: why, as task events name it (a {@link FailureCodes} name, or what went wrong on the way). */
  private void recordFailure(InFlight task, boolean retryable, boolean countAttempt, String code, String error, double delaySeconds) {
    failuresInFlight++;
    store.fail(task.id, task.attempt, retryable, config.maxAttempts(), countAttempt, error, delaySeconds)
        .onComplete(written -> failuresInFlight--)
        .onSuccess(ended -> ended.ifPresent(row -> {
          TaskState state = TaskTransition.state(row.getString("status"));
          TaskChange.of(row, state == TaskState.WAITING ? TaskTransition.RETRIED : TaskTransition.FAILED, state)
              .withRun(null, null, code).publish(vertx.eventBus());
          publish(task, state, 0, error);
          if (state == TaskState.WAITING) {
            wake();
          }
        }))
        .onFailure(e -> warn("recording the failure of task " + task.id + " failed; its lease will expire", e));
  }

  // ---- liveness ----

  private void onInbox(Message<JsonObject> message) {
    JsonObject body = message.body();
    if ("checkpoint".equals(body.getString("kind"))) {
      store.saveCheckpoint(body.getLong("id"), body.getInteger("attempt"), body.getJsonObject("state"))
          .onSuccess(saved -> message.reply(new JsonObject().put("saved", saved)))
          .onFailure(e -> message.fail(500, e.getMessage()));
      return;
    }
    long now = System.currentTimeMillis();
    body.getJsonArray("alive").forEach(id -> {
      InFlight task = inFlight.get(((Number) id).longValue());
      if (task != null) {
        task.lastSeen = now;
      }
    });
    body.getJsonObject("progress").forEach(entry -> progress.put(Long.parseLong(entry.getKey()), ((Number) entry.getValue()).doubleValue()));
  }

  /** A run whose executor has been silent too long (node gone) goes back to the queue. */
  private void watchExecutors() {
    long oldest = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds());
    List<InFlight> silent = inFlight.values().stream().filter(t -> t.lastSeen < oldest).toList();
    for (InFlight task : silent) {
      release(task);
      // tell the executor, wherever it is, to stop: the retry must not run beside a late original
      vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", task.id).put("attempt", task.attempt));
      LOG.warn("executor of task {} ({}) silent for {} s; putting it back in the queue", task.id, task.type, config.executorTimeoutSeconds());
      failed(task, new IllegalStateException("executor stopped responding"));
    }
  }

  /** Renews what runs and what finished but is not yet written: both are still this node's work. */
  private void renewLeases() {
    List<Long> ids = new ArrayList<>(inFlight.keySet());
    completions.forEach(c -> ids.add(c.id()));
    if (!ids.isEmpty()) {
      store.renewLeases(nodeId, config.leaseSeconds(), ids).onFailure(e -> warn("renewing leases failed", e));
    }
  }

  private Future<Void> recoverOrphans(boolean takeOverAll) {
    return store.recoverOrphans(config.maxAttempts(), nodeId, takeOverAll, backoff).map(rows -> {
      for (Row row : rows) {
        // the run may live on, on an executor whose scheduler died: stop it before the retry starts (the back-off leaves time)
        vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", row.getLong("id")).put("attempt", row.getInteger("attempt")));
        TaskState state = TaskTransition.state(row.getString("status"));
        TaskChange.of(row, state == TaskState.WAITING ? TaskTransition.RETRIED : TaskTransition.FAILED, state)
            .withRun(null, null, "LEASE_EXPIRED").publish(vertx.eventBus());
        TaskEvents.publish(vertx.eventBus(), row.getString("owner"), row.getString("query_code"), row.getString("task_type"),
            state, 0, "lease expired");
      }
      if (rows.rowCount() > 0) {
        LOG.warn("put {} tasks whose lease expired back in the queue (or failed them after {} attempts)", rows.rowCount(), config.maxAttempts());
        vertx.eventBus().publish(Addresses.QUEUE_WAKE, null);
      }
      return (Void) null;
    }).otherwise(e -> {
      warn("orphan recovery failed", e);
      return null;
    });
  }

  private void flushProgress() {
    if (!progress.isEmpty()) {
      Map<Long, Double> batch = new HashMap<>(progress);
      progress.clear();
      batch.forEach((id, fraction) -> {
        InFlight task = inFlight.get(id);
        if (task != null) {
          task.change(TaskChange.PROGRESS, null, fraction).publish(vertx.eventBus());
          publish(task, TaskState.RUNNING, fraction, null);
        }
      });
      store.saveProgress(batch).onFailure(e -> warn("saving progress failed", e));
    }
  }

  private void flushStats() {
    Map<String, double[]> measured = stats.drain();
    if (!measured.isEmpty()) {
      store.saveStats(measured).onFailure(e -> warn("saving run-time statistics failed", e));
    }
  }

  private void warn(String what, Throwable cause) {
    if (!stopping) {
      LOG.warn(what, cause);
    }
  }
}
