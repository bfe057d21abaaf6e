package org.aips.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;

/**
 * Histogram buckets for the HTTP response times (the server's, {@link HttpServerMeters}, and Vert.x's
 * client's), timers that have none otherwise: with them, dashboards can show latency quantiles per route.
 */
final class HttpLatencyBuckets {

  private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  static final MeterFilter FILTER = new MeterFilter() {
    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
      if (!id.getName().equals(HttpServerMeters.RESPONSE_TIME) && !id.getName().equals("vertx.http.client.response.time")) {
        return config;
      }
      double[] nanos = new double[SECONDS.length];
      for (int i = 0; i < SECONDS.length; i++) {
        nanos[i] = Duration.ofNanos(Math.round(SECONDS[i] * 1e9)).toNanos();
      }
      return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
    }
  };

  private HttpLatencyBuckets() {
  }
}
