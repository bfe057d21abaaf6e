package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throughput and latency of the queue with a no-op task type, printed as figures (docs/benchmarks.md).
 * Run with {@code ./aips bench}. Each figure is the median of {@link #ROUNDS} rounds.
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
    Path dataDir = TestNode.newDataDir("bench");
    database = EmbeddedDatabase.start(dataDir);
    url = database.url();
    Migrations.migrate(url);
    client = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(url.connectOptions()).using(client).build();
    System.out.printf("%n== AIPS queue benchmark: %d cores, JDK %s, PostgreSQL embedded (%s) ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), url);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await();
    client.close().await();
    database.close();
  }

  private static AipsServer node(JsonObject overrides) {
    JsonObject config = new JsonObject()
        .put("db", new JsonObject().put("url", "postgresql://" + url.user() + ":" + url.password() + "@" + url.host() + ":" + url.port() + "/" + url.database()))
        .put("http", new JsonObject().put("instances", 2))
        .put("scheduler", new JsonObject().put("claimBatch", 2048).put("leaseSeconds", 30).put("sweepSeconds", 3600));
    return TestNode.start(TestNode.config(TestNode.newDataDir("bench-node"), config.mergeIn(overrides, true)));
  }

  private static void clear() {
    pool.query("TRUNCATE task").execute().await();
  }

  /** Queues {@code n} no-op tasks with one statement, as if submitted long ago. */
  private static void enqueue(int n, String type) {
    pool.preparedQuery("""
        INSERT INTO task (task_type, task_no, vip, process_no, status, query_code, keep_seconds, quality, user_id,
          time_budget, x_token_hash, demand_visit_times)
        SELECT $2, n, 0, n, 'waiting', md5(random()::text || n), 3600, 80, 'bench', 0.001, 'x', 1
        FROM (SELECT nextval('task_no_seq') AS n FROM generate_series(1, $1)) s""").execute(Tuple.of(n, type)).await();
  }

  @Test
  void backlogDrain() {
    int n = 200_000;
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      clear();
      enqueue(n, "Noop");
      AipsServer server = node(new JsonObject());
      try {
        while (count("SELECT count(*) FROM task WHERE status = 'done'") < n) {
          sleep(100);
        }
        Row span = pool.query("SELECT extract(epoch FROM max(done_at) - min(start_at)) FROM task").execute().await().iterator().next();
        double seconds = span.getDouble(0);
        rates.add(n / seconds);
        System.out.printf("drain round %d: %,d tasks in %.2f s = %,.0f tasks/s%n", round + 1, n, seconds, n / seconds);
      } finally {
        server.close().await();
      }
    }
    System.out.printf("BACKLOG DRAIN median: %,.0f tasks/s (target >= 32,000)%n", median(rates));
  }

  @Test
  void httpSubmissionsQueriesAndIdleLatency() {
    clear();
    AipsServer server = node(new JsonObject());
    try {
      Buffer small = new JsonObject().put("taskType", "Noop").put("keepSeconds", 600).toBuffer();
      List<Double> submits = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        LoadGenerator.Result r = LoadGenerator.run(client, server.httpPort(), 64, 5,
            () -> new LoadGenerator.Call(HttpMethod.POST, "/api/task", TOKEN, small));
        submits.add(r.perSecond());
        report("submit  round " + (round + 1), r);
      }
      System.out.printf("HTTP SUBMIT median: %,.0f tasks/s (target >= 2,400)%n", median(submits));

      List<String> codes = pool.query("SELECT query_code FROM task LIMIT 1000").execute().await().stream().map(row -> row.getString(0)).toList();
      List<Double> queries = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        LoadGenerator.Result r = LoadGenerator.run(client, server.httpPort(), 64, 5, () -> new LoadGenerator.Call(HttpMethod.GET,
            "/api/query-task/" + codes.get(ThreadLocalRandom.current().nextInt(codes.size())), TOKEN, null));
        queries.add(r.perSecond());
        report("query   round " + (round + 1), r);
      }
      double queryRate = median(queries);
      System.out.printf("QUERY-TASK median: %,.0f req/s (target >= 28,000)%n", queryRate);

      double bare = bareVertxRoute();
      System.out.printf("BARE VERT.X ROUTE (same load generator, same run): %,.0f req/s; query-task / bare = %.2f%n", bare, queryRate / bare);

      idleLatency(server);
    } finally {
      server.close().await();
    }
  }

  private static void idleLatency(AipsServer server) {
    sleep(2000); // let the queue empty
    Buffer small = new JsonObject().put("taskType", "Noop").toBuffer();
    io.vertx.ext.web.client.WebClient web = io.vertx.ext.web.client.WebClient.create(client);
    for (int i = 0; i < 300; i++) {
      web.post(server.httpPort(), "127.0.0.1", "/api/task").putHeader("x-token", TOKEN).sendBuffer(small).await();
      sleep(5);
    }
    web.close();
    List<Double> millis = new ArrayList<>();
    pool.query("""
        SELECT extract(epoch FROM start_at - created_at) * 1000 FROM task
        WHERE start_at IS NOT NULL ORDER BY task_no DESC LIMIT 300""").execute().await().forEach(row -> millis.add(row.getDouble(0)));
    System.out.printf("IDLE SUBMIT->START median: %.2f ms, p90 %.2f ms over %d tasks (server clock: start_at - created_at; target <= 4 ms)%n",
        median(millis), percentile(millis, 0.9), millis.size());
  }

  @Test
  void memoryStaysFlatWithAMillionQueued() {
    clear();
    AipsServer server = node(new JsonObject());
    try {
      long before = usedHeapAfterGc();
      enqueue(1_000_000, "Parked"); // a type no executor offers: it stays queued
      Buffer small = new JsonObject().put("taskType", "Noop").toBuffer();
      LoadGenerator.Result r = LoadGenerator.run(client, server.httpPort(), 16, 5,
          () -> new LoadGenerator.Call(HttpMethod.POST, "/api/task", TOKEN, small));
      report("submit with 1M queued", r);
      long after = usedHeapAfterGc();
      System.out.printf("MEMORY with 1,000,000 tasks queued: used heap %,d MB before, %,d MB after (process heap, after GC)%n",
          before >> 20, after >> 20);
    } finally {
      server.close().await();
    }
  }

  private static double bareVertxRoute() {
    Vertx peer = Vertx.vertx();
    try {
      io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(peer);
      router.get("/hello").handler(rc -> rc.response().putHeader("content-type", "application/json")
          .end("{\"success\":true,\"data\":{\"hello\":\"world\"}}"));
      int port = peer.createHttpServer().requestHandler(router).listen(0).await().actualPort();
      LoadGenerator.Result r = LoadGenerator.run(client, port, 64, 5, () -> new LoadGenerator.Call(HttpMethod.GET, "/hello", null, null));
      report("bare route", r);
      return r.perSecond();
    } finally {
      peer.close().await();
    }
  }

  private static void report(String what, LoadGenerator.Result r) {
    System.out.printf("%-22s %,9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d%n", what, r.perSecond(),
        r.percentileMicros(0.5) / 1000.0, r.percentileMicros(0.99) / 1000.0, r.errors());
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
