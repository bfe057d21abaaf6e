package org.aips.server.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import org.aips.server.api.TaskView;
import org.aips.server.bus.Addresses;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.logging.TaskLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers completion webhooks (on nodes with the scheduler role). Every {@code webhooks.sweepSeconds},
 * and at once when a task ends, it hands ended tasks' webhooks over to {@code webhook_delivery}, claims
 * the deliveries that are due and POSTs each task's final state, signed. A delivery is retried with
 * exponential back-off until a 2xx answer, or given up after {@code webhooks.maxAttempts} attempts or
 * {@code webhooks.giveUpAfterSeconds}. Everything it needs is in the database, so deliveries survive
 * restarts, and several schedulers share them (claims skip each other's rows).
 */
public final class WebhookVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  private static final Set<String> ENDINGS = Set.of("completed", "failed", "cancelled");
  /** A claim outlives the attempt's timeout by this much before another sweep may try the delivery again. */
  private static final double LEASE_MARGIN_SECONDS = 30;
  /** Ended tasks handed over per sweep. */
  private static final int HAND_OVER_BATCH = 500;
  private static final long WAKE_DELAY_MILLIS = 50;

  private final WebhookSettings settings;
  private final String secret;
  private final DatabaseUrl databaseUrl;
  private final MeterRegistry meters;
  private Pool pool;
  private DeliveryStore store;
  private WebClient client;
  private WebhookSender sender;
  private int inFlight;
  private boolean sweeping;
  private boolean sweepAgain;
  private boolean wakePending;
  private boolean stopping;
  /** Tasks that ended since the last sweep. */
  private final Set<Long> ended = new HashSet<>();
  /** The next sweep looks at every task holding a webhook. */
  private boolean catchUpDue = true;

  public WebhookVerticle(WebhookSettings settings, String secret, DatabaseUrl databaseUrl, MeterRegistry meters) {
    this.settings = settings;
    this.secret = secret;
    this.databaseUrl = databaseUrl;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setName("aips-webhooks"))
        .connectingTo(databaseUrl.connectOptions()).using(vertx).build();
    store = new DeliveryStore(pool);
    client = WebClient.create(vertx, clientOptions(settings));
    sender = new WebhookSender(vertx, client, new WebhookSignature(secret), settings);
    vertx.setPeriodic(1, settings.sweepMillis(), id -> {
      catchUpDue = true;
      sweep();
    });
    vertx.setPeriodic(60_000, id -> store.forget(settings.keepSeconds())
        .onFailure(e -> LOG.warn("webhooks: deleting old deliveries failed: {}", e.getMessage())));
    return vertx.eventBus().<TaskChanges>consumer(Addresses.TASK_EVENTS, message -> {
      for (TaskChange change : message.body().changes()) {
        if (ENDINGS.contains(change.event())) {
          if (ended.size() < HAND_OVER_BATCH) {
            ended.add(change.id());
          } else {
            catchUpDue = true;
          }
          wakeSoon();
        }
      }
    }).completion();
  }

  static WebClientOptions clientOptions(WebhookSettings settings) {
    WebClientOptions options = new WebClientOptions().setUserAgent("AIPS-Webhooks").setFollowRedirects(false).setName("aips-webhooks");
    if (settings.trustedCertificates() != null) {
      // receivers behind a private CA; host names are verified either way (verifyHost defaults to true)
      options.setTrustOptions(new PemTrustOptions().addCertPath(settings.trustedCertificates()));
    }
    return options;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    client.close();
    return pool.close();
  }

  /**
   * A task ended (most have no webhook): sweep within {@link #WAKE_DELAY_MILLIS}, one sweep for all the
   * endings of that moment, so that thousands of completions a second cost a few sweeps, not thousands.
   */
  private void wakeSoon() {
    if (!wakePending) {
      wakePending = true;
      vertx.setTimer(WAKE_DELAY_MILLIS, id -> {
        wakePending = false;
        sweep();
      });
    }
  }

  /**
   * Hands ended tasks' webhooks over (those that ended since the last sweep, or, for the periodic
   * catch-up, of every task: endings this node did not hear of), then claims and starts due
   * deliveries. One sweep at a time; a wake during a sweep runs another right after it.
   */
  private void sweep() {
    if (stopping) {
      return;
    }
    if (sweeping) {
      sweepAgain = true;
      return;
    }
    sweeping = true;
    Long[] endedIds = catchUpDue ? null : ended.toArray(Long[]::new);
    ended.clear();
    catchUpDue = false;
    // composed on a completed future, so that a failure thrown here still ends the sweep
    Future.succeededFuture().compose(start -> store.handOver(HAND_OVER_BATCH, endedIds))
        .compose(handed -> inFlight < settings.concurrency()
            ? store.claim(settings.concurrency() - inFlight, settings.timeoutMillis() / 1000.0 + LEASE_MARGIN_SECONDS)
            : Future.succeededFuture(List.<Row>of()))
        .onSuccess(due -> due.forEach(this::deliver))
        .onFailure(e -> {
          if (!stopping) {
            LOG.warn("webhooks: sweep failed: {}", e.getMessage());
          }
        })
        .onComplete(done -> {
          sweeping = false;
          if (sweepAgain) {
            sweepAgain = false;
            sweep();
          }
        });
  }

  private void deliver(Row row) {
    long taskId = row.getLong("task_id");
    String body = payload(row);
    inFlight++;
    sender.send(row.getString("url"), row.getString("message_id"), body)
        .compose(attempt -> record(row, attempt))
        .onFailure(e -> LOG.warn("webhooks: recording the attempt for task {} failed: {}", taskId, e.getMessage()))
        .onComplete(done -> {
          inFlight--;
          if (done.succeeded() && done.result()) {
            sweep(); // room for more
          }
        });
  }

  /** Writes how the attempt went; true when the delivery is finished (delivered or given up). */
  private Future<Boolean> record(Row row, WebhookSender.Attempt attempt) {
    long taskId = row.getLong("task_id");
    if (attempt.delivered()) {
      count("delivered");
      return store.delivered(taskId, attempt.status()).map(true);
    }
    int attempts = row.getInteger("delivery_attempts");
    double retryIn = settings.backoffAfter(attempts, ThreadLocalRandom.current().nextDouble());
    long age = Instant.now().getEpochSecond() - row.getOffsetDateTime("delivery_created_at").toEpochSecond();
    boolean giveUp = attempts >= settings.maxAttempts() || age + retryIn > settings.giveUpAfterSeconds();
    try (TaskLogContext ignored = TaskLogContext.open(taskId, row.getString("query_code"), row.getString("task_type"))) {
      if (giveUp) {
        LOG.warn("webhook to {} given up after {} attempts: {}", withoutQuery(row.getString("url")), attempts, attempt.error());
      } else {
        LOG.info("webhook to {} failed (attempt {}), next in {} s: {}", withoutQuery(row.getString("url")), attempts,
            Math.round(retryIn), attempt.error());
      }
    }
    count(giveUp ? "given_up" : "retried");
    return store.failed(taskId, retryIn, giveUp, attempt.status(), attempt.error()).map(giveUp);
  }

  /** Receivers often put a token in the query: it stays out of the logs. */
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  /** The Standard Webhooks envelope: an event type, when it was sent, and the task as query-task shows it. */
  private static String payload(Row row) {
    return new JsonObject()
        .put("type", "task." + row.getString("status"))
        .put("timestamp", Instant.now().toString())
        .put("data", TaskView.of(row, 0, System.currentTimeMillis()))
        .encode();
  }

  private void count(String outcome) {
    Counter.builder("aips.webhook.attempts").description("Webhook delivery attempts by outcome: delivered, retried, given_up")
        .tag("outcome", outcome).register(meters).increment();
  }
}
