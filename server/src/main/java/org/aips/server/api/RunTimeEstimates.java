package org.aips.server.api;

import io.vertx.core.Vertx;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.bus.TaskTypeOffer;

import java.util.HashMap;
import java.util.Map;

/**
 * Expected run time per task type: the mean measured by the schedulers (table task_type_stats,
 * refreshed every few seconds) or, before any run, the plugin's own estimate.
 */
final class RunTimeEstimates {

  private final TaskTypeDirectory directory;
  private Map<String, Double> measured = new HashMap<>();

  RunTimeEstimates(Vertx vertx, TaskStore store, TaskTypeDirectory directory) {
    this.directory = directory;
    refresh(store);
    vertx.setPeriodic(3000, id -> refresh(store));
  }

  private void refresh(TaskStore store) {
    store.runTimes().onSuccess(times -> measured = times);
  }

  /** Seconds one task of this type and quality takes: the type's measured mean once it has run, else the plugin's estimate for the quality. */
  double seconds(TaskTypeOffer type, int quality) {
    return measured.getOrDefault(type.name(), type.estimateSeconds(quality));
  }

  /** Seconds each queued task of this type adds to the wait, given how many run at once. */
  double secondsPerQueuedTask(String typeName) {
    return directory.find(typeName).map(type -> seconds(type, TaskTypeOffer.TYPICAL_QUALITY) / Math.max(1, type.concurrency())).orElse(0.0);
  }
}
