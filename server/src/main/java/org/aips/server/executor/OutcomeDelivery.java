package org.aips.server.executor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers run outcomes to schedulers until one has written them. A scheduler answers a batch only
 * once its completions and failures are committed, so an outcome stays here, unacknowledged, until
 * it is on disk: if its scheduler dies first (kill -9 after receiving it), the outcome goes along
 * with the adoption of that scheduler's runs and is written by the adopter, instead of its task
 * running again when the lease expires. Outcomes that end in the same event-loop turn travel in one
 * message per scheduler. Used on the executor verticle's event loop only.
 */
final class OutcomeDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeDelivery.class);
  /** A scheduler that is up answers in milliseconds; one that died is found by the heartbeat sooner than this. */
  private static final long ANSWER_TIMEOUT_MILLIS = 30_000;
  private static final long RESEND_DELAY_MILLIS = 1_000;

  private final Vertx vertx;
  private final SchedulerInboxes inboxes;
  /** Not sent yet, per scheduler inbox. */
  private final Map<String, List<Outcome>> unsent = new HashMap<>();
  /** Sent and not yet answered as written, by task id, per the inbox of the scheduler that dispatched them. */
  private final Map<String, Map<Long, Outcome>> unacknowledged = new HashMap<>();
  private Promise<Void> drained;

  OutcomeDelivery(Vertx vertx, SchedulerInboxes inboxes) {
    this.vertx = vertx;
    this.inboxes = inboxes;
  }

  /** Queues an outcome for the scheduler behind {@code inbox}; the first one of an event-loop turn schedules the send of all of them. */
  void send(Outcome outcome, String inbox) {
    if (unsent.isEmpty()) {
      vertx.getOrCreateContext().runOnContext(v -> sendQueued());
    }
    unsent.computeIfAbsent(inbox, i -> new ArrayList<>()).add(outcome);
  }

  /** The inboxes that outcomes not yet written now go to: the heartbeat checks that their schedulers are still there. */
  Set<String> waitingInboxes() {
    return unacknowledged.keySet().stream().map(inboxes::current).collect(java.util.stream.Collectors.toSet());
  }

  /** The runs of outcomes for {@code inbox} not yet written, for an adoption of that scheduler's runs. */
  void addRuns(String inbox, JsonArray runs) {
    unacknowledged.forEach((dispatchedFrom, outcomes) -> {
      if (inboxes.current(dispatchedFrom).equals(inbox)) {
        outcomes.values().forEach(o -> runs.add(new JsonObject().put("id", o.id()).put("type", o.type()).put("attempt", o.attempt())));
      }
    });
  }

  /**
   * A gone scheduler's runs were adopted by {@code adopter}: the outcomes that now go there are sent
   * to it (written there, or found already written), but for the runs no longer theirs.
   */
  void adopted(String adopter, Set<Long> notTaken) {
    unacknowledged.forEach((dispatchedFrom, outcomes) -> {
      if (inboxes.current(dispatchedFrom).equals(adopter)) {
        outcomes.keySet().removeAll(notTaken);
        outcomes.values().forEach(o -> send(o, dispatchedFrom));
      }
    });
    unacknowledged.values().removeIf(Map::isEmpty);
    checkDrained();
  }

  /** Completes once every outcome so far has been written (or {@code timeoutMillis} passed): a clean stop waits for this. */
  Future<Void> drained(long timeoutMillis) {
    if (unsent.isEmpty() && unacknowledged.isEmpty()) {
      return Future.succeededFuture();
    }
    drained = Promise.promise();
    Promise<Void> waiting = drained;
    vertx.setTimer(Math.max(1, timeoutMillis), id -> {
      if (waiting.tryComplete()) {
        LOG.warn("stopping with {} outcomes not yet written by their scheduler; their leases will expire", count());
      }
    });
    return waiting.future();
  }

  private void sendQueued() {
    unsent.forEach(this::deliver);
    unsent.clear();
  }

  private void deliver(String inbox, List<Outcome> outcomes) {
    Map<Long, Outcome> pending = unacknowledged.computeIfAbsent(inbox, i -> new LinkedHashMap<>());
    outcomes.forEach(o -> pending.put(o.id(), o));
    RunOutcomes batch = new RunOutcomes(outcomes);
    String to = inboxes.current(inbox);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MILLIS);
    vertx.eventBus().request(Addresses.outcomeInbox(to), batch, options)
        .recover(cause -> cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
            // that scheduler has gone: any live one writes them (its statements check the run is still the task's)
            ? vertx.eventBus().request(Addresses.ADOPTED_OUTCOMES, batch, options)
            : Future.failedFuture(cause))
        .onSuccess(written -> acknowledged(inbox, outcomes))
        .onFailure(cause -> {
          LOG.warn("{} outcomes not written yet ({}); sending them again", outcomes.size(), cause.getMessage());
          vertx.setTimer(RESEND_DELAY_MILLIS, id -> resend(inbox, outcomes));
        });
  }

  /** Those still unacknowledged (an adoption may have sent them on meanwhile, or they were written). */
  private void resend(String inbox, List<Outcome> outcomes) {
    Map<Long, Outcome> pending = unacknowledged.getOrDefault(inbox, Map.of());
    outcomes.stream().filter(o -> pending.get(o.id()) == o).forEach(o -> send(o, inbox));
  }

  private void acknowledged(String inbox, List<Outcome> outcomes) {
    Map<Long, Outcome> pending = unacknowledged.get(inbox);
    if (pending != null) {
      outcomes.forEach(o -> pending.remove(o.id(), o));
      if (pending.isEmpty()) {
        unacknowledged.remove(inbox);
      }
    }
    checkDrained();
  }

  private void checkDrained() {
    if (drained != null && unsent.isEmpty() && unacknowledged.isEmpty()) {
      drained.tryComplete();
    }
  }

  private int count() {
    return unacknowledged.values().stream().mapToInt(Map::size).sum() + unsent.values().stream().mapToInt(List::size).sum();
  }
}
