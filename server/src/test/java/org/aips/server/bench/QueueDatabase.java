package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.db.Migrations;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;

import java.io.IOException;

/** The queue benchmarks' embedded PostgreSQL: a client pool, tasks queued in bulk by SQL, the counters, and the nodes' settings. */
final class QueueDatabase implements AutoCloseable {

  static final String DONE_COUNTER = "SELECT value FROM tasks_done";

  final DatabaseUrl url;
  final Vertx client = Vertx.vertx();
  final Pool pool;
  private final EmbeddedDatabase database;

  QueueDatabase(String name) throws IOException {
    database = EmbeddedDatabase.start(TestNode.newDataDir(name));
    url = database.url();
    Migrations.migrate(url);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(url.connectOptions()).using(client).build();
  }

  /** A benchmark node's settings: production timings, two HTTP verticles, no per-user rate limit, large claims. */
  JsonObject nodeSettings() {
    return TestNode.productionTimings()
        .put("db", new JsonObject().put("url", TestNode.databaseUri(url)))
        // one benchmark user sends thousands of requests a second: no per-user budget
        .put("http", new JsonObject().put("instances", 2).put("rateLimit", new JsonObject().put("requestsPerSecond", 0)))
        .put("scheduler", TestNode.productionTimings().getJsonObject("scheduler").put("claimBatch", 2048).put("leaseSeconds", 30)
            .put("sweepSeconds", 3600));
  }

  void clear() {
    pool.query("TRUNCATE task, queue_length, task_queue, task_run, task_expiry, task_event, task_input CASCADE").execute().await();
    pool.query("VACUUM ANALYZE").execute().await();
  }

  /** Queues {@code n} tasks of {@code type} with one statement, as if submitted long ago. */
  void enqueue(int n, String type) {
    pool.preparedQuery("""
        WITH inserted AS (
        INSERT INTO task (task_type, task_no, vip, process_no, status, query_code, keep_seconds, quality, user_id,
          time_budget, x_token_hash, demand_visit_times)
        SELECT $2, n, 0, n, 'waiting', md5(random()::text || n), 3600, 80, 'bench', 0.001, 'x', 1
        FROM (SELECT nextval('task_no_seq') AS n FROM generate_series(1, $1)) s
        RETURNING id, task_type, process_no, task_no)
        INSERT INTO task_queue (task_type, process_no, task_no, id, bytes) SELECT task_type, process_no, task_no, id, 0 FROM inserted""")
        .execute(Tuple.of(n, type)).await();
    pool.preparedQuery("""
        INSERT INTO queue_length AS q (task_type, shard, waiting) VALUES ($1, counter_shard(), $2)
        ON CONFLICT (task_type, shard) DO UPDATE SET waiting = q.waiting + excluded.waiting""").execute(Tuple.of(type, (long) n)).await();
    pool.query("ANALYZE task").execute().await();
    pool.query("ANALYZE task_queue").execute().await();
  }

  long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  long done() {
    return count(DONE_COUNTER);
  }

  /** Waits until the done counter (one row, cheap to poll) reaches {@code target}; fails if it stops moving for a minute. */
  void awaitDone(long target) {
    long last = done();
    long movedAt = System.nanoTime();
    for (long now = last; now < target; now = done()) {
      if (now != last) {
        last = now;
        movedAt = System.nanoTime();
      } else if (System.nanoTime() - movedAt > 60_000_000_000L) {
        throw new IllegalStateException("no task finished for a minute: " + now + " of " + target + " done, "
            + count("SELECT count(*) FROM task_run") + " running, " + count("SELECT count(*) FROM task_queue") + " waiting; last retry: "
            + pool.query("SELECT max(detail) FILTER (WHERE at = (SELECT max(at) FROM task_event WHERE event = 'retried')) FROM task_event")
            .execute().await().iterator().next().getString(0));
      }
      ApiClient.sleep(20);
    }
  }

  @Override
  public void close() throws IOException {
    pool.close().await();
    client.close().await();
    database.close();
  }
}
