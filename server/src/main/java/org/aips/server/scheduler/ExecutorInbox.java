package org.aips.server.scheduler;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** This scheduler's inbox: executors' heartbeats and progress ({@code status}) and checkpoints to save. */
final class ExecutorInbox {

  private final SchedulerScope scope;
  private final ProgressFlusher progress;

  ExecutorInbox(SchedulerScope scope, ProgressFlusher progress) {
    this.scope = scope;
    this.progress = progress;
  }

  void receive(Message<JsonObject> message) {
    JsonObject body = message.body();
    if ("checkpoint".equals(body.getString("kind"))) {
      scope.store.saveCheckpoint(body.getLong("id"), body.getInteger("attempt"), body.getJsonObject("state"))
          .onSuccess(saved -> message.reply(new JsonObject().put("saved", saved)))
          .onFailure(e -> message.fail(500, e.getMessage()));
      return;
    }
    long now = System.currentTimeMillis();
    body.getJsonArray("alive").forEach(id -> {
      InFlight task = scope.runs.get(((Number) id).longValue());
      if (task != null) {
        task.lastSeen = now;
      }
    });
    body.getJsonObject("progress").forEach(entry -> progress.report(Long.parseLong(entry.getKey()), ((Number) entry.getValue()).doubleValue()));
  }
}
