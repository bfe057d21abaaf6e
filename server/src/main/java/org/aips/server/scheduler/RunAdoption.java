package org.aips.server.scheduler;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.server.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * Takes over the leases of runs whose scheduler has gone, when their executor asks
 * ({@link Addresses#ADOPT_RUNS}): they are this scheduler's from then on (leases renewed, heartbeats
 * and outcomes received here), so a run that lives on finishes once instead of being put back in
 * the queue when its lease expires. A run whose lease was already recovered is answered as gone.
 */
final class RunAdoption {

  private static final Logger LOG = LoggerFactory.getLogger(RunAdoption.class);

  private final SchedulerScope scope;

  RunAdoption(SchedulerScope scope) {
    this.scope = scope;
  }

  void receive(Message<JsonObject> message) {
    JsonArray runs = message.body().getJsonArray("runs");
    Long[] ids = new Long[runs.size()];
    Integer[] attempts = new Integer[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      ids[i] = runs.getJsonObject(i).getLong("id");
      attempts[i] = runs.getJsonObject(i).getInteger("attempt");
    }
    scope.store.adopt(ids, attempts, scope.nodeId, scope.config.leaseSeconds()).onSuccess(rows -> {
      long now = System.currentTimeMillis();
      Set<Long> taken = new HashSet<>();
      for (Row row : rows) {
        taken.add(row.getLong("id"));
        if (scope.runs.get(row.getLong("id")) == null) {
          // dispatched elsewhere at an unknown time: 0 keeps its run time out of the type's statistics
          InFlight run = new InFlight(row.getLong("id"), row.getString("task_type"), row.getInteger("attempt"), 0,
              row.getString("owner"), row.getString("query_code"), row.getString("user_id"));
          run.lastSeen = now;
          scope.runs.add(run);
        }
      }
      JsonArray gone = new JsonArray();
      for (Long id : ids) {
        if (!taken.contains(id)) {
          gone.add(id);
        }
      }
      LOG.info("took over the leases of {} runs whose scheduler has gone ({} no longer theirs)", taken.size(), gone.size());
      message.reply(new JsonObject().put("inbox", Addresses.schedulerInbox(scope.nodeId)).put("gone", gone));
    }).onFailure(e -> {
      scope.warn("taking over the leases of " + ids.length + " runs failed", e);
      message.fail(500, e.getMessage());
    });
  }
}
