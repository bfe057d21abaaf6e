package org.aips.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;

import java.time.Duration;

/**
 * Counts what happens to tasks, from the task event stream: transitions per type and event, run
 * times per type (a histogram), retries and failures per failure code. It listens with a
 * <em>local</em> consumer, so each node counts the events published on it (by its scheduler or
 * HTTP API) and the sum over the cluster counts every event once.
 */
public final class TaskEventMeters extends VerticleBase {

  /** Histogram buckets of run times, from a thumbnail to an hour-long painting. */
  private static final Duration[] RUN_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
      Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1)};

  private final MeterRegistry registry;
  private MessageConsumer<TaskChanges> consumer;

  public TaskEventMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(Addresses.TASK_EVENTS, message -> message.body().changes().forEach(this::record));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  void record(TaskChange change) {
    String type = change.taskType() == null ? "unknown" : change.taskType();
    String name = change.event();
    if (TaskChange.PROGRESS.equals(name)) {
      return;
    }
    Counter.builder("aips.task.transitions").description("Task state transitions, by task type and event")
        .tags("type", type, "event", name).register(registry).increment();
    Long runMillis = change.runMillis();
    if (runMillis != null && ("completed".equals(name) || "failed".equals(name))) {
      Timer.builder("aips.task.run").description("Run time of tasks that ended, by task type and outcome")
          .serviceLevelObjectives(RUN_BUCKETS).tags("type", type, "outcome", name).register(registry)
          .record(Duration.ofMillis(runMillis));
    }
    String code = change.code();
    if ("failed".equals(name) || "retried".equals(name)) {
      Counter.builder("failed".equals(name) ? "aips.task.failures" : "aips.task.retries")
          .description("failed".equals(name) ? "Tasks that failed for good, by failure code" : "Runs that failed and were queued again, by failure code")
          .tags("type", type, "code", code == null ? "unknown" : code).register(registry).increment();
    }
  }
}
