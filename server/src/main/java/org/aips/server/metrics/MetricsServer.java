package org.aips.server.metrics;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The scrape on a port of its own ({@code metrics.port}), for nodes without the http role or to
 * keep the scrape off the public port. It answers only {@code metrics.path}, without a token: guard
 * it at the network level.
 */
public final class MetricsServer extends VerticleBase {

  private final NodeMetrics metrics;
  private final String host;

  public MetricsServer(NodeMetrics metrics, String host) {
    this.metrics = metrics;
    this.host = host;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get(metrics.settings().path()).handler(PrometheusScrapingHandler.create(metrics.prometheus().orElseThrow()));
    return vertx.createHttpServer().requestHandler(router).listen(metrics.settings().port(), host);
  }
}
