package org.aips.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import org.aips.server.db.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Database-wide gauges, read every {@code metrics.gaugeSeconds} with one cheap statement: tasks
 * waiting, running and stopped per type, and how long the task at the head of each type's queue has
 * waited. Every node with the scheduler role reports the same values: aggregate them with
 * {@code max}, not {@code sum}.
 */
public final class TaskGauges extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TaskGauges.class);

  /**
   * Waiting: queue_waiting (queue_length summed over its shards, kept by every enqueue and claim) and, through task_queue's primary key, the
   * age of the next task in line. Running: the run rows (one per task in flight, with its type). Stopped: only tasks a
   * plugin owns can be stopped, found through task_owner_idx.
   */
  private static final String READ = """
      SELECT l.task_type, 'waiting' AS state, l.waiting AS tasks,
        (SELECT extract(epoch FROM now() - t.created_at) FROM task_queue q JOIN task t ON t.id = q.id
          WHERE q.task_type = l.task_type ORDER BY q.task_type, q.process_no, q.task_no LIMIT 1) AS head_wait
      FROM queue_waiting l
      UNION ALL
      SELECT task_type, 'running', count(*), NULL FROM task_run GROUP BY task_type
      UNION ALL
      SELECT task_type, 'stopped', count(*), NULL FROM task WHERE owner IS NOT NULL AND status = 'stopped' GROUP BY task_type""";

  private final MeterRegistry registry;
  private final DatabaseUrl databaseUrl;
  private final long periodMillis;
  private final Map<Tags, AtomicReference<Double>> values = new HashMap<>();
  private Pool pool;
  private boolean stopping;

  public TaskGauges(MeterRegistry registry, DatabaseUrl databaseUrl, double periodSeconds) {
    this.registry = registry;
    this.databaseUrl = databaseUrl;
    this.periodMillis = Math.max(100, Math.round(periodSeconds * 1000));
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("aips-metrics"))
        .connectingTo(databaseUrl.connectOptions()).using(vertx).build();
    vertx.setPeriodic(1, periodMillis, id -> read());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return pool.close();
  }

  private void read() {
    if (stopping) {
      return;
    }
    pool.query(READ).execute().onSuccess(rows -> {
      values.values().forEach(value -> value.set(0.0)); // a type with no row has none in that state
      for (Row row : rows) {
        String type = row.getString("task_type");
        set("aips.tasks", "Tasks per state and type (database-wide)", Tags.of("type", type, "state", row.getString("state")),
            null, row.getLong("tasks"));
        if ("waiting".equals(row.getString("state"))) {
          Double headWait = row.getDouble("head_wait");
          set("aips.queue.head.wait", "How long the task next in line has waited (database-wide)", Tags.of("type", type),
              "seconds", headWait == null ? 0.0 : headWait);
        }
      }
    }).onFailure(e -> {
      if (!stopping) {
        LOG.warn("metrics: reading the task gauges failed: {}", e.getMessage());
      }
    });
  }

  private void set(String name, String description, Tags tags, String unit, Number value) {
    Tags key = tags.and("__name", name);
    values.computeIfAbsent(key, k -> {
      AtomicReference<Double> holder = new AtomicReference<>(0.0);
      Gauge.builder(name, holder, AtomicReference::get).description(description).baseUnit(unit).tags(tags).register(registry);
      return holder;
    }).set(value.doubleValue());
  }
}
