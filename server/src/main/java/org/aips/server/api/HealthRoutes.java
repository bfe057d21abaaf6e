package org.aips.server.api;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import org.aips.server.health.NodeState;

/**
 * {@code GET /health/live} (the process answers: restart it when this fails) and
 * {@code GET /health/ready} (send it work: its roles are up, models loaded, the database
 * answers; 503 while starting or stopping). No token; docs/operations in configuration.md.
 */
final class HealthRoutes {

  private static final long DATABASE_TIMEOUT_MILLIS = 2000;

  private HealthRoutes() {
  }

  static void addTo(Router router, Vertx vertx, NodeState node, Pool pool) {
    HealthCheckHandler live = HealthCheckHandler.create(vertx)
        .register("eventLoop", promise -> promise.complete(Status.OK()));
    HealthCheckHandler ready = HealthCheckHandler.create(vertx)
        .register("node", promise -> promise.complete(node.phase() == NodeState.Phase.SERVING
            ? Status.OK(node.describe()) : Status.KO(node.describe())))
        .register("database", DATABASE_TIMEOUT_MILLIS, promise -> pool.query("SELECT 1").execute()
            .onSuccess(rows -> promise.complete(Status.OK()))
            .onFailure(e -> promise.complete(Status.KO(new io.vertx.core.json.JsonObject().put("error", String.valueOf(e.getMessage()))))));
    router.get("/health/live").handler(live);
    router.get("/health/ready").handler(ready);
  }
}
