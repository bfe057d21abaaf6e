package org.aips.server.scheduler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.config.AipsConfig;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.executor.RunOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Moves tasks from the queue to executors. Wires one small class per duty, all on this verticle's
 * event loop: {@link Claimer} and {@link Dispatcher} (claim in processNo order, lease, send),
 * {@link OutcomeReceiver}, {@link CompletionWriter} and {@link FailureRecorder} (write what runs
 * end with), {@link ExecutorInbox} and {@link ProgressFlusher} (heartbeats, progress,
 * checkpoints), {@link LeaseRenewer}, {@link RunAdoption} (leases of live runs whose scheduler
 * disappeared), {@link ExecutorWatchdog} and {@link OrphanRecovery} (work whose executor or
 * scheduler disappeared), {@link RetentionSweeper}. Wakes on
 * {@code aips.queue.wake}, not by polling; stops cleanly with {@link #drain}.
 */
public final class SchedulerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  private final AipsConfig config;
  private final DatabaseUrl databaseUrl;
  private final BlobStore blobs;
  private final String nodeId;
  private Pool pool;
  private Pool claimPool;
  private Pool lookupPool;
  private SchedulerScope scope;
  private TaskTypeDirectory directory;
  private Claimer claimer;
  private CompletionWriter completions;
  private FailureRecorder failures;
  private ProgressFlusher progress;
  private Context context;

  public SchedulerVerticle(AipsConfig config, DatabaseUrl databaseUrl, BlobStore blobs, String nodeId) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.blobs = blobs;
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    // Every batch statement is planned for its actual arrays: a generic plan assumes 10 elements per unnest,
    // and then nests loops over thousands (measured: 2.9 s instead of 0.1 s per 2,048 completions).
    // Claims, whose parts are index ranges whatever their size, have their own connection (claimOptions), and
    // small completions a pool with generic plans (DatabaseUrl.GENERIC_PLAN_MAX_ROWS).
    PgConnectOptions connect = databaseUrl.connectOptions().addProperty("plan_cache_mode", "force_custom_plan");
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.max(2, config.dbPoolSize() / 2)))
        .connectingTo(connect).using(vertx).build();
    claimPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(databaseUrl.claimOptions()).using(vertx).build();
    lookupPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(CompletionWriter.WRITERS)).connectingTo(databaseUrl.lookupOptions())
        .using(vertx).build();
    context = vertx.getOrCreateContext();
    scope = new SchedulerScope(vertx, config, nodeId, new QueueStore(pool, claimPool, lookupPool));
    directory = new TaskTypeDirectory(vertx, TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds()));
    RetryBackoff backoff = new RetryBackoff(config.retryBackoffSeconds(), config.retryBackoffMaxSeconds(), config.unavailableRetrySeconds());
    RetentionSweeper sweeper = new RetentionSweeper(vertx, pool, blobs, Duration.ofSeconds(config.blobGraceSeconds()));

    failures = new FailureRecorder(scope, directory, backoff, () -> claimer.wake());
    completions = new CompletionWriter(scope, blobs, sweeper, failures, () -> claimer.claim());
    Dispatcher dispatcher = new Dispatcher(scope, blobs, failures, () -> claimer.claim());
    claimer = new Claimer(scope, directory, dispatcher, completions::unwritten, CompletionWriter.MAX_UNWRITTEN);
    progress = new ProgressFlusher(scope);
    OutcomeReceiver outcomes = new OutcomeReceiver(scope, completions, failures, claimer::claim);
    ExecutorInbox inbox = new ExecutorInbox(scope, progress);
    LeaseRenewer leases = new LeaseRenewer(scope, completions::pendingIds);
    ExecutorWatchdog watchdog = new ExecutorWatchdog(scope, failures);
    OrphanRecovery orphans = new OrphanRecovery(scope, backoff);
    RunAdoption adoption = new RunAdoption(scope);

    EventBus bus = vertx.eventBus();
    return Future.all(
            bus.consumer(Addresses.QUEUE_WAKE, m -> claimer.wake()).completion(),
            bus.<JsonObject>consumer(Addresses.schedulerInbox(nodeId), inbox::receive).completion(),
            bus.<RunOutcomes>consumer(Addresses.outcomeInbox(Addresses.schedulerInbox(nodeId)), outcomes::own).completion(),
            bus.<RunOutcomes>consumer(Addresses.ADOPTED_OUTCOMES, outcomes::adopted).completion(),
            bus.<JsonObject>consumer(Addresses.ADOPT_RUNS, adoption::receive).completion())
        .compose(registered -> orphans.recover(!config.clusterEnabled()))
        .onSuccess(recovered -> {
          directory.start(claimer::claim);
          long leaseMillis = TimeUnit.SECONDS.toMillis(config.leaseSeconds());
          vertx.setPeriodic(Math.max(500, leaseMillis / 3), id -> leases.renew());
          vertx.setPeriodic(TimeUnit.SECONDS.toMillis(config.orphanCheckSeconds()), id -> orphans.recover(false));
          vertx.setPeriodic(TimeUnit.SECONDS.toMillis(config.sweepSeconds()), id -> sweeper.sweep());
          vertx.setPeriodic(1000, id -> watchdog.check());
          vertx.setPeriodic(500, id -> progress.flush());
          vertx.setPeriodic(2000, id -> completions.flushStats());
          vertx.setPeriodic(1000, id -> claimer.wake()); // in case a wake was missed (another node's requeue, a lost message)
          LOG.info("scheduler {} started", nodeId);
        });
  }

  @Override
  public Future<?> stop() {
    scope.stopping = true;
    directory.stop();
    return Future.join(claimPool.close(), lookupPool.close(), pool.close());
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
      claimer.halt();
      awaitDrained(drained, deadline);
    });
    return drained.future();
  }

  private void awaitDrained(Promise<Void> drained, long deadline) {
    if (scope.runs.isEmpty() && completions.unwritten() == 0 && failures.writing() == 0) {
      progress.flush();
      drained.complete();
      return;
    }
    if (System.currentTimeMillis() >= deadline && !scope.runs.isEmpty()) {
      LOG.warn("stopping: handing back {} tasks whose executors did not report in time", scope.runs.size());
      for (InFlight task : scope.runs.all()) {
        scope.runs.release(task);
        vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", task.id).put("attempt", task.attempt));
        failures.handBack(task);
      }
    }
    vertx.setTimer(20, id -> awaitDrained(drained, deadline));
  }
}
