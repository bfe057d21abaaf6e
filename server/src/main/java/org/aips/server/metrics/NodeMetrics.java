package org.aips.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.MetricsDomain;

import java.util.Optional;
import java.util.UUID;

/**
 * The meter registry of one node. Vert.x reports into it (HTTP client, event bus, pools, JVM), and so
 * do AIPS's own meters (tasks, queues, inference, the REST API's requests: {@link HttpServerMeters}).
 * With metrics off, meters go to a registry that keeps nothing, so the code that records them need not ask.
 */
public final class NodeMetrics {

  private final MetricsSettings settings;
  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final HttpServerMeters httpServer;

  private NodeMetrics(MetricsSettings settings) {
    this.settings = settings;
    this.prometheus = settings.enabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
    if (prometheus != null) {
      prometheus.config().meterFilter(HttpLatencyBuckets.FILTER);
    }
    this.registry = settings.enabled() ? prometheus : new CompositeMeterRegistry();
    this.httpServer = prometheus == null ? null : new HttpServerMeters(prometheus);
  }

  public static NodeMetrics create(MetricsSettings settings) {
    return new NodeMetrics(settings);
  }

  public MetricsSettings settings() {
    return settings;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry to scrape; empty when metrics are off. */
  public Optional<PrometheusMeterRegistry> prometheus() {
    return Optional.ofNullable(prometheus);
  }

  /**
   * The scrape handler for the REST API's router, when metrics are on and served there (no
   * {@code metrics.port} of their own).
   */
  public Optional<io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>> apiScrapeHandler() {
    return prometheus().filter(p -> settings.port() == null).map(io.vertx.micrometer.PrometheusScrapingHandler::create);
  }

  /** The REST API's request meters; empty when metrics are off. */
  public Optional<HttpServerMeters> httpServer() {
    return Optional.ofNullable(httpServer);
  }

  /** Lets Vert.x report into this registry (nothing when metrics are off). */
  public VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
    if (prometheus == null) {
      return builder.with(options);
    }
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // one registry name per node: several nodes in one JVM (tests) must not share or close each other's
        .setRegistryName("aips-" + UUID.randomUUID())
        .addLabels(Label.EB_ADDRESS, Label.EB_FAILURE, Label.CLIENT_NAME)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER); // recorded by HttpServerMeters instead (it says why)
    return builder.with(new VertxOptions(options).setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(prometheus));
  }
}
