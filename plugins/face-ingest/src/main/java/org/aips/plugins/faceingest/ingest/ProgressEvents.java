package org.aips.plugins.faceingest.ingest;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Live progress for a console: every ingestion run publishes
 * {@code {"id", "group_name", "handled_num", "total_num", "state"}} on the (clustered) event-bus
 * address {@value #ADDRESS} as its rows are handled (at most every {@value #INTERVAL_MS} ms per
 * task) and once when it ends (state 4, or 3 when it stopped). Notifications, at most once: the
 * task's detail stays the truth.
 */
public final class ProgressEvents {

  public static final String ADDRESS = "faceingest.progress";
  static final long INTERVAL_MS = 250;

  private ProgressEvents() {
  }

  static void publish(EventBus bus, String id, String group, long handled, long total, int state) {
    bus.publish(ADDRESS, new JsonObject().put("id", id).put("group_name", group).put("handled_num", handled).put("total_num", total)
        .put("state", state));
  }
}
