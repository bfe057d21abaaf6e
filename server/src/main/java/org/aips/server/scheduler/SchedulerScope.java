package org.aips.server.scheduler;

import io.vertx.core.Vertx;
import org.aips.server.config.AipsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every duty of one scheduler shares: its node, settings, SQL, the runs it has out, and whether it is stopping. */
final class SchedulerScope {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerScope.class);

  final Vertx vertx;
  final AipsConfig config;
  final String nodeId;
  final QueueStore store;
  final InFlightRuns runs = new InFlightRuns();
  /** Set while undeploying: database calls then fail with "pool closed", which is expected, not news. */
  boolean stopping;

  SchedulerScope(Vertx vertx, AipsConfig config, String nodeId, QueueStore store) {
    this.vertx = vertx;
    this.config = config;
    this.nodeId = nodeId;
    this.store = store;
  }

  void warn(String what, Throwable cause) {
    if (!stopping) {
      LOG.warn(what, cause);
    }
  }
}
