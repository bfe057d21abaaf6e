package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.db.Migrations;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput and latency of the queue with a no-op task type, printed as figures
 * (docs/benchmarks.md). Run with {@code ./aips bench}; HTTP load comes from wrk in its own process.
 * Figures are medians of {@link #ROUNDS} rounds.
 */
@Tag("benchmark")
class QueueBenchmark {

  private static final int ROUNDS = 3;
  private static final String TOKEN = Tokens.valid("bench");
  private static EmbeddedDatabase database;
  private static DatabaseUrl url;
  private static Vertx client;
  private static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("bench"));
    url = database.url();
    Migrations.migrate(url);
    client = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(url.connectOptions()).using(client).build();
    System.out.printf("%n== AIPS queue benchmark: %d cores, JDK %s, embedded PostgreSQL 17 ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await();
    client.close().await();
    database.close();
  }

  private static final String DONE_COUNTER = "SELECT value FROM tasks_done";

  @Test
  void backlogDrain() {
    int n = 200_000;
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      clear();
      enqueue(n, "Noop");
      long doneBefore = count(DONE_COUNTER);
      AipsServer server = node();
      try {
        while (count(DONE_COUNTER) < doneBefore + n) { // the counter, not count(*): polling must not load the database
          sleep(100);
        }
        Row span = pool.query("SELECT extract(epoch FROM max(done_at) - min(start_at)) FROM task").execute().await().iterator().next();
        double seconds = span.getDouble(0);
        rates.add(n / seconds);
        System.out.printf("drain      round %d: %,d tasks in %.2f s = %,.0f tasks/s%n", round + 1, n, seconds, n / seconds);
      } finally {
        server.close().await();
      }
    }
    System.out.printf("BACKLOG DRAIN median: %,.0f tasks/s (target >= 32,000)%n", median(rates));
  }

  @Test
  void httpSubmissionsQueriesAndIdleLatency() {
    clear();
    AipsServer server = node();
    try {
      String base = "http://127.0.0.1:" + server.httpPort();
      String small = new JsonObject().put("taskType", "Noop").put("keepSeconds", 600).encode();
      Wrk.run(base + "/api/task", 16, 5, TOKEN, small); // warm-up (JIT), not counted
      clear();
      sleep(1000);
      idleLatency(server.httpPort());

      List<Double> submits = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        Wrk.Result r = Wrk.run(base + "/api/task", 64, 5, TOKEN, small);
        submits.add(r.perSecond());
        System.out.println("submit     round " + (round + 1) + " " + r);
      }
      System.out.printf("HTTP SUBMIT median: %,.0f tasks/s (target >= 2,400)%n", median(submits));

      String code = pool.query("SELECT query_code FROM task ORDER BY task_no DESC LIMIT 1").execute().await().iterator().next().getString(0);
      Wrk.run(base + "/api/query-task/" + code, 64, 3, TOKEN, null); // warm-up
      List<Double> queries = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        Wrk.Result r = Wrk.run(base + "/api/query-task/" + code, 64, 5, TOKEN, null);
        queries.add(r.perSecond());
        System.out.println("query-task round " + (round + 1) + " " + r);
      }
      double queryRate = median(queries);
      System.out.printf("QUERY-TASK median: %,.0f req/s (target >= 28,000)%n", queryRate);
      double bare = bareVertxRoute();
      System.out.printf("BARE VERT.X ROUTE (wrk, same run): %,.0f req/s; query-task / bare = %.2f%n", bare, queryRate / bare);
    } finally {
      server.close().await();
    }
  }

  @Test
  void memoryStaysFlatWithAMillionQueued() {
    clear();
    AipsServer server = node();
    try {
      long before = usedHeapAfterGc();
      enqueue(1_000_000, "Parked"); // a type no executor offers: it stays queued
      WebClient web = WebClient.create(client);
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        var response = web.post(server.httpPort(), "127.0.0.1", "/api/task").putHeader("x-token", TOKEN)
            .putHeader("content-type", "application/json").sendBuffer(new JsonObject().put("taskType", "Noop").toBuffer()).await();
        System.out.printf("one submission with 1M queued: %d in %.1f ms: %s%n", response.statusCode(), (System.nanoTime() - t0) / 1e6, response.bodyAsString());
      }
      web.close();
      Wrk.Result r = Wrk.run("http://127.0.0.1:" + server.httpPort() + "/api/task", 16, 5, TOKEN,
          new JsonObject().put("taskType", "Noop").encode());
      System.out.println("submit with 1M queued " + r);
      long after = usedHeapAfterGc();
      System.out.printf("MEMORY with 1,000,000 tasks queued: used heap %,d MB before, %,d MB after (after GC)%n", before >> 20, after >> 20);
    } finally {
      server.close().await();
    }
  }

  private static void idleLatency(int port) {
    WebClient web = WebClient.create(client);
    Buffer small = new JsonObject().put("taskType", "Noop").toBuffer();
    for (int i = 0; i < 300; i++) {
      var response = web.post(port, "127.0.0.1", "/api/task").putHeader("x-token", TOKEN)
          .putHeader("content-type", "application/json").sendBuffer(small).await();
      if (response.statusCode() != 200) {
        throw new IllegalStateException("submission failed: " + response.bodyAsString());
      }
      sleep(5);
    }
    web.close();
    List<Double> millis = new ArrayList<>();
    pool.query("SELECT extract(epoch FROM start_at - created_at) * 1000 FROM task WHERE start_at IS NOT NULL")
        .execute().await().forEach(row -> millis.add(row.getDouble(0)));
    System.out.printf("IDLE SUBMIT->START median: %.2f ms, p90 %.2f ms over %d tasks (start_at - created_at; target <= 4 ms)%n",
        median(millis), percentile(millis, 0.9), millis.size());
  }

  private static double bareVertxRoute() {
    Vertx peer = Vertx.vertx();
    try {
      Router router = Router.router(peer);
      router.get("/hello").handler(rc -> rc.response().putHeader("content-type", "application/json")
          .end("{\"success\":true,\"data\":{\"hello\":\"world\"}}"));
      String hello = "http://127.0.0.1:" + peer.createHttpServer().requestHandler(router).listen(0).await().actualPort() + "/hello";
      Wrk.run(hello, 64, 3, null, null); // warm-up
      Wrk.Result r = Wrk.run(hello, 64, 5, null, null);
      System.out.println("bare route         " + r);
      return r.perSecond();
    } finally {
      peer.close().await();
    }
  }

  private static AipsServer node() {
    JsonObject config = TestNode.productionTimings()
        .put("db", new JsonObject().put("url", TestNode.databaseUri(url)))
        // one benchmark user sends thousands of requests a second: no per-user budget
        .put("http", new JsonObject().put("instances", 2).put("rateLimit", new JsonObject().put("requestsPerSecond", 0)))
        .put("scheduler", TestNode.productionTimings().getJsonObject("scheduler").put("claimBatch", 2048).put("leaseSeconds", 30)
            .put("sweepSeconds", 3600));
    return TestNode.start(TestNode.config(TestNode.newDataDir("bench-node"), config));
  }

  private static void clear() {
    pool.query("TRUNCATE task, queue_length, task_queue, task_run, task_expiry").execute().await();
    pool.query("VACUUM ANALYZE task").execute().await();
  }

  /** Queues {@code n} tasks with one statement, as if submitted long ago. */
  private static void enqueue(int n, String type) {
    pool.preparedQuery("""
        WITH inserted AS (
        INSERT INTO task (task_type, task_no, vip, process_no, status, query_code, keep_seconds, quality, user_id,
          time_budget, x_token_hash, demand_visit_times)
        SELECT $2, n, 0, n, 'waiting', md5(random()::text || n), 3600, 80, 'bench', 0.001, 'x', 1
        FROM (SELECT nextval('task_no_seq') AS n FROM generate_series(1, $1)) s
        RETURNING id, task_type, process_no, task_no)
        INSERT INTO task_queue (task_type, process_no, task_no, id) SELECT task_type, process_no, task_no, id FROM inserted""")
        .execute(Tuple.of(n, type)).await();
    pool.preparedQuery("""
        INSERT INTO queue_length AS q (task_type, shard, waiting) VALUES ($1, counter_shard(), $2)
        ON CONFLICT (task_type, shard) DO UPDATE SET waiting = q.waiting + excluded.waiting""").execute(Tuple.of(type, (long) n)).await();
    pool.query("ANALYZE task").execute().await();
    pool.query("ANALYZE task_queue").execute().await();
  }

  private static long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  private static long usedHeapAfterGc() {
    System.gc();
    sleep(500);
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double median(List<Double> values) {
    return percentile(values, 0.5);
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
