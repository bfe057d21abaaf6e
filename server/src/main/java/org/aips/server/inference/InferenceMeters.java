package org.aips.server.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of a node's model queues, per model: latency (arrival to answer), batch sizes,
 * requests waiting (summed over the node's inference verticles) and requests refused. One instance
 * per node, shared by its inference verticles.
 */
public final class InferenceMeters {

  private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> queued = new ConcurrentHashMap<>();

  public InferenceMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of one model, registered on first use. */
  Model model(String name) {
    AtomicInteger waiting = queued.computeIfAbsent(name, n -> {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("aips.inference.queue", count, AtomicInteger::get).description("Requests waiting for a model on this node")
          .tag("model", n).register(registry);
      return count;
    });
    return new Model(waiting,
        Timer.builder("aips.inference.latency").description("Model requests, from arrival to answer (queue wait and run)")
            .serviceLevelObjectives(LATENCY_BUCKETS).tag("model", name).register(registry),
        DistributionSummary.builder("aips.inference.batch.size").description("Items per batch run by a model")
            .serviceLevelObjectives(BATCH_BUCKETS).tag("model", name).register(registry),
        Counter.builder("aips.inference.refused").description("Model requests refused: queue full (busy) or deadline passed while queued")
            .tags("model", name, "reason", "busy").register(registry),
        Counter.builder("aips.inference.refused").description("Model requests refused: queue full (busy) or deadline passed while queued")
            .tags("model", name, "reason", "deadline").register(registry));
  }

  /** One model's meters. */
  record Model(AtomicInteger queued, Timer latency, DistributionSummary batchSize, Counter busy, Counter expired) {
  }
}
