package org.aips.plugins.vcs.analysis;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskFailure;

/**
 * Hands a device's finished events to the service on a node with the database (the executor may
 * have none), and waits for the answer: events are stored before the checkpoint that no longer
 * holds their tracks is saved. Storing is idempotent (keyed by track), so a run repeated from an
 * earlier checkpoint stores nothing twice.
 */
final class EventPublisher {

  /** Request/reply: {@code {computeTaskId, deviceId, events: [...]}} → number stored. */
  static final String ADDRESS = org.aips.plugins.vcs.task.VcsService.EVENTS_ADDRESS;

  private final EventBus bus;

  EventPublisher(EventBus bus) {
    this.bus = bus;
  }

  /** Blocking (worker threads only). */
  void publish(String computeTaskId, String deviceId, JsonArray events) {
    if (events.isEmpty()) {
      return;
    }
    JsonObject message = new JsonObject().put("computeTaskId", computeTaskId).put("deviceId", deviceId).put("events", events);
    try {
      bus.request(ADDRESS, message, new DeliveryOptions().setSendTimeout(30_000)).toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      throw TaskFailure.retryable("storing " + events.size() + " events failed: " + e.getMessage(), e);
    }
  }
}
