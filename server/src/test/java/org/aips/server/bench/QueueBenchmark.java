package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
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
  private static final int PAIRED_ROUNDS = 5;
  private static final String TOKEN = Tokens.valid("bench");
  private static QueueDatabase db;
  private static Vertx client;
  private static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    db = new QueueDatabase("bench");
    client = db.client;
    pool = db.pool;
    System.out.printf("%n== AIPS queue benchmark: %d cores, JDK %s, embedded PostgreSQL 17 ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  @Test
  void backlogDrain() {
    int n = 200_000;
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      db.clear();
      db.enqueue(n, "Noop");
      long doneBefore = db.done();
      AipsServer server = node();
      try {
        while (db.done() < doneBefore + n) { // the counter, not count(*): polling must not load the database
          ApiClient.sleep(100);
        }
        Row span = pool.query("SELECT extract(epoch FROM max(done_at) - min(start_at)) FROM task").execute().await().iterator().next();
        double seconds = span.getDouble(0);
        rates.add(n / seconds);
        System.out.printf("drain      round %d: %,d tasks in %.2f s = %,.0f tasks/s%n", round + 1, n, seconds, n / seconds);
      } finally {
        server.close().await();
      }
    }
    System.out.printf("BACKLOG DRAIN median: %,.0f tasks/s (target >= 32,000)%n", Percentiles.median(rates));
  }

  @Test
  void httpSubmissionsQueriesAndIdleLatency() {
    db.clear();
    AipsServer server = node();
    try {
      String base = "http://127.0.0.1:" + server.httpPort();
      String small = new JsonObject().put("taskType", "Noop").put("keepSeconds", 600).encode();
      Wrk.run(base + "/api/task", 16, 5, TOKEN, small); // warm-up (JIT), not counted
      db.clear();
      ApiClient.sleep(1000);
      idleLatency(server.httpPort());

      List<Double> submits = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        Wrk.Result r = Wrk.run(base + "/api/task", 64, 5, TOKEN, small);
        submits.add(r.perSecond());
        System.out.println("submit     round " + (round + 1) + " " + r);
      }
      System.out.printf("HTTP SUBMIT median: %,.0f tasks/s (target >= 2,400)%n", Percentiles.median(submits));

      String code = pool.query("SELECT query_code FROM task ORDER BY task_no DESC LIMIT 1").execute().await().iterator().next().getString(0);
      queryTaskAgainstABareRoute(base + "/api/query-task/" + code);
    } finally {
      server.close().await();
    }
  }

  @Test
  void memoryStaysFlatWithAMillionQueued() {
    db.clear();
    AipsServer server = node();
    try {
      long before = usedHeapAfterGc();
      db.enqueue(1_000_000, "Parked"); // a type no executor offers: it stays queued
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
      ApiClient.sleep(5);
    }
    web.close();
    List<Double> millis = new ArrayList<>();
    pool.query("SELECT extract(epoch FROM start_at - created_at) * 1000 FROM task WHERE start_at IS NOT NULL")
        .execute().await().forEach(row -> millis.add(row.getDouble(0)));
    System.out.printf("IDLE SUBMIT->START median: %.2f ms, p90 %.2f ms over %d tasks (start_at - created_at; target <= 4 ms)%n",
        Percentiles.median(millis), Percentiles.of(millis, 0.9), millis.size());
  }

  /**
   * query-task against a bare Vert.x route (one handler answering a constant), in alternating rounds: the machine's
   * speed drifts by a third within minutes, so each round's ratio is taken against the bare round right after it.
   */
  private static void queryTaskAgainstABareRoute(String queryTask) {
    Vertx peer = Vertx.vertx();
    try {
      Router router = Router.router(peer);
      router.get("/hello").handler(rc -> rc.response().putHeader("content-type", "application/json")
          .end("{\"success\":true,\"data\":{\"hello\":\"world\"}}"));
      String hello = "http://127.0.0.1:" + peer.createHttpServer().requestHandler(router).listen(0).await().actualPort() + "/hello";
      Wrk.run(queryTask, 64, 3, TOKEN, null); // warm-up
      Wrk.run(hello, 64, 3, null, null);
      List<Double> queries = new ArrayList<>();
      List<Double> bares = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < PAIRED_ROUNDS; round++) {
        Wrk.Result query = Wrk.run(queryTask, 64, 5, TOKEN, null);
        Wrk.Result bare = Wrk.run(hello, 64, 5, null, null);
        queries.add(query.perSecond());
        bares.add(bare.perSecond());
        ratios.add(query.perSecond() / bare.perSecond());
        System.out.printf("query-task round %d %s%nbare route round %d %s  ratio %.2f%n", round + 1, query, round + 1, bare,
            query.perSecond() / bare.perSecond());
      }
      System.out.printf("QUERY-TASK median: %,.0f req/s (target >= 28,000)%n", Percentiles.median(queries));
      System.out.printf("BARE VERT.X ROUTE (wrk, alternating rounds): %,.0f req/s; query-task / bare, median of the rounds' ratios = %.2f "
          + "(rounds %s)%n", Percentiles.median(bares), Percentiles.median(ratios),
          ratios.stream().map(r -> String.format("%.2f", r)).toList());
    } finally {
      peer.close().await();
    }
  }

  private static AipsServer node() {
    return TestNode.start(TestNode.config(TestNode.newDataDir("bench-node"), db.nodeSettings()));
  }

  private static long usedHeapAfterGc() {
    System.gc();
    ApiClient.sleep(500);
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
