package org.aips.server.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.TestTypes;
import org.aips.server.support.Tokens;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How the queue's throughput and latency move with queue depth, the number of task types, payload
 * size and the number of executor JVMs (issue #17, item 4; docs/benchmarks.md). Run with
 * {@code ./aips bench -o -Dtest=QueueScalingBenchmark}; {@code -Daips.bench.depths=10000,...,10000000}
 * chooses the depths (default up to 1M: 10M adds about five minutes and needs ~20 GB of disk at its peak).
 */
@Tag("benchmark")
class QueueScalingBenchmark {

  private static final String TOKEN = Tokens.valid("bench");
  private static final List<Integer> DEPTHS = numbers("aips.bench.depths", "10000,100000,1000000");
  /** Sizes of params, in KB (claims stop at scheduler.claimBytes, so 1 MB drains too). */
  private static final List<Integer> PAYLOAD_KB = numbers("aips.bench.payloadKb", "1,10,100,1000");
  private static final int IN_FLIGHT = 8;
  private static final int ONE_BY_ONE = 2_000;
  private static final int BULK = 20_000;
  private static final int BULK_CHUNK = 1_000;
  private static final int DRAIN_SLICE = 20_000;
  private static final int LATENCY_SAMPLES = 30;
  private static QueueDatabase db;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    db = new QueueDatabase("scaling");
    web = WebClient.create(db.client, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    System.out.printf("%n== AIPS queue scaling: %d cores, JDK %s, embedded PostgreSQL 17 (fsync on, synchronous_commit on) ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    db.close();
  }

  /**
   * Noop tasks waiting in one queue, deeper at each step. At each depth, with the backlog held (the
   * scheduler may run no Noop): submissions one by one and in bulk, and the start latency of a task of
   * another type; then the first {@link #DRAIN_SLICE} drained from the top of the deep queue.
   */
  @Test
  void queueDepth() {
    db.clear();
    System.out.println("| waiting | one by one /s | its p50 / p99 ms | bulk /s | other type's submit → start p50 / p90 ms | drain from the top /s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int depth : DEPTHS) {
      long waiting = waiting("Noop");
      for (long left = depth - waiting; left > 0; left -= 1_000_000) { // statements of at most 1M rows
        db.enqueue((int) Math.min(left, 1_000_000), "Noop");
      }
      AipsServer held = node(new JsonObject().put("Noop", 0), List.of(new Fresh()));
      Submissions one;
      double bulk;
      List<Double> start;
      try {
        one = oneByOne(held, ONE_BY_ONE, new JsonObject().put("taskType", "Noop"));
        bulk = bulk(held, BULK);
        start = startLatency(held);
      } finally {
        held.close().await();
      }
      double drain = drainSlice();
      System.out.printf("| %,d | %,.0f | %.1f / %.1f | %,.0f | %.2f / %.2f | %,.0f |%n", depth, one.perSecond(),
          one.p50(), one.p99(), bulk, Percentiles.median(start), Percentiles.of(start, 0.9), drain);
    }
  }

  /** The same 60,000 tasks spread over 1, 10 and 100 task types, drained by one node. */
  @Test
  void taskTypes() {
    int total = 60_000;
    System.out.println("| task types | drain /s |");
    System.out.println("|---:|---:|");
    for (int types : List.of(1, 10, 100)) {
      db.clear();
      List<TaskType> kinds = new ArrayList<>();
      for (int t = 0; t < types; t++) {
        kinds.add(new Fresh("Kind" + t));
        db.enqueue(total / types, "Kind" + t);
      }
      System.out.printf("| %d | %,.0f |%n", types, drain(total, () -> node(new JsonObject(), kinds)));
    }
  }

  /** Tasks whose params carry 1 KB to 1 MB ({@code -Daips.bench.payloadKb}): submitted one by one over HTTP (8 in flight), then drained. */
  @Test
  void payloadSize() {
    System.out.println("| params | tasks | one by one /s | MB/s in | p50 / p99 ms | drain /s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int size : PAYLOAD_KB.stream().map(kb -> kb << 10).toList()) {
      db.clear();
      int n = Math.max(100, Math.min(4_000, (256 << 20) / size));
      JsonObject task = new JsonObject().put("taskType", "Noop").put("params", new JsonObject().put("pad", "x".repeat(size - 10)));
      Submissions one;
      AipsServer held = node(new JsonObject().put("Noop", 0), List.of());
      try {
        one = oneByOne(held, n, task);
      } finally {
        held.close().await();
      }
      double drain = drain(n, () -> node(new JsonObject(), List.of()));
      System.out.printf("| %,d KB | %,d | %,.0f | %.1f | %.1f / %.1f | %,.0f |%n", size >> 10, n, one.perSecond(),
          one.perSecond() * size / 1e6, one.p50(), one.p99(), drain);
    }
  }

  /**
   * The protocol across JVMs: a scheduler in one JVM dispatching over the clustered event bus to one
   * and then two executor JVMs (Hazelcast on loopback), against one node doing everything in this JVM.
   * On two cores the JVMs share the same CPUs, so this shows the protocol's cost, not added capacity.
   */
  @Test
  void executorJvms() throws Exception {
    int n = 100_000;
    System.out.println("| layout | drain /s |");
    System.out.println("|---|---:|");
    db.clear();
    db.enqueue(n, "Noop");
    System.out.printf("| one node (scheduler + executor, this JVM) | %,.0f |%n", drain(n, () -> node(new JsonObject(), List.of())));
    for (int executors = 1; executors <= 2; executors++) {
      db.clear();
      String cluster = "aips-scaling-" + ProcessHandle.current().pid() + "-" + executors;
      int schedulerPort = TestNode.freePort();
      List<TestNodeMain.ChildNode> children = new ArrayList<>();
      try {
        TestNodeMain.ChildNode scheduler = child("scheduler", cluster, schedulerPort, new JsonArray(), "http", "scheduler");
        children.add(scheduler);
        for (int e = 0; e < executors; e++) {
          children.add(child("executor" + e, cluster, TestNode.freePort(), new JsonArray().add("127.0.0.1:" + schedulerPort), "executor"));
        }
        awaitExecutorNodes(scheduler.port(), executors);
        long target = db.done() + n;
        db.enqueue(n, "Noop"); // found by the scheduler's periodic wake; the span counts from the first start
        db.awaitDone(target);
        System.out.printf("| scheduler JVM + %d executor JVM%s | %,.0f |%n", executors, executors > 1 ? "s" : "", n / runSpan());
      } finally {
        for (TestNodeMain.ChildNode child : children) {
          child.process().destroy(); // SIGTERM: a clean stop
          child.process().waitFor();
        }
      }
    }
  }

  /** Waits until the scheduler's node has heard from {@code count} executor nodes (GET /api/queue lists them). */
  private static void awaitExecutorNodes(int httpPort, int count) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (web.get(httpPort, "127.0.0.1", "/api/queue").putHeader("x-token", TOKEN).send().await()
        .bodyAsJsonObject().getJsonObject("data").getJsonArray("nodes").size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(count + " executor nodes did not join the cluster within 60 s");
      }
      ApiClient.sleep(200);
    }
  }

  /** Drains {@code n} queued tasks with the node {@code start} gives; tasks/s from the first start to the last completion. */
  private static double drain(int n, Supplier<AipsServer> start) {
    long target = db.done() + n;
    AipsServer node = start.get();
    try {
      db.awaitDone(target);
      return n / runSpan();
    } finally {
      node.close().await();
    }
  }

  /** Lets a node run Noop until {@link #DRAIN_SLICE} more are done; tasks/s over that slice's run span. */
  private static double drainSlice() {
    long before = db.done();
    OffsetDateTime from = db.pool.query("SELECT now()").execute().await().iterator().next().getOffsetDateTime(0);
    AipsServer node = node(new JsonObject(), List.of());
    try {
      db.awaitDone(before + DRAIN_SLICE);
    } finally {
      node.close().await();
    }
    Row span = db.pool.preparedQuery("SELECT count(*), extract(epoch FROM max(done_at) - min(start_at)) FROM task WHERE done_at >= $1")
        .execute(Tuple.of(from)).await().iterator().next();
    return span.getLong(0) / span.getDouble(1);
  }

  /** Seconds from the first start to the last completion of the tasks run so far (they were all queued before). */
  private static double runSpan() {
    return db.pool.query("SELECT extract(epoch FROM max(done_at) - min(start_at)) FROM task").execute().await().iterator().next().getDouble(0);
  }

  private static long waiting(String type) {
    return db.pool.preparedQuery("SELECT coalesce(sum(waiting), 0) FROM queue_waiting WHERE task_type = $1").execute(Tuple.of(type))
        .await().iterator().next().getLong(0);
  }

  private record Submissions(double perSecond, double p50, double p99) {
  }

  private static Submissions oneByOne(AipsServer node, int n, JsonObject task) {
    Buffer body = task.toBuffer();
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    double seconds;
    try {
      seconds = InFlight.run(n, IN_FLIGHT, i -> {
        long t0 = System.nanoTime();
        expectOk(post(node, "/api/task", body).await());
        millis.add((System.nanoTime() - t0) / 1e6);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Submissions(n / seconds, Percentiles.median(millis), Percentiles.of(millis, 0.99));
  }

  private static double bulk(AipsServer node, int n) {
    long t0 = System.nanoTime();
    for (int from = 0; from < n; from += BULK_CHUNK) {
      JsonArray tasks = new JsonArray();
      for (int i = 0; i < Math.min(BULK_CHUNK, n - from); i++) {
        tasks.add(new JsonObject().put("taskType", "Noop"));
      }
      expectOk(post(node, "/api/tasks", new JsonObject().put("tasks", tasks).toBuffer()).await());
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /** Submit → start ({@code start_at − created_at}, the server's clock) of Fresh tasks, one at a time at random moments. */
  private static List<Double> startLatency(AipsServer node) {
    OffsetDateTime from = db.pool.query("SELECT now()").execute().await().iterator().next().getOffsetDateTime(0);
    Buffer body = new JsonObject().put("taskType", Fresh.NAME).toBuffer();
    for (int i = 0; i < LATENCY_SAMPLES; i++) {
      ApiClient.sleep(ThreadLocalRandom.current().nextLong(200));
      expectOk(post(node, "/api/task", body).await());
    }
    List<Double> millis = new ArrayList<>();
    while (millis.size() < LATENCY_SAMPLES) {
      millis.clear();
      db.pool.preparedQuery("""
          SELECT extract(epoch FROM coalesce(r.start_at, t.start_at) - t.created_at) * 1000 FROM task t LEFT JOIN task_run r USING (id)
          WHERE t.task_type = $1 AND t.created_at >= $2 AND coalesce(r.start_at, t.start_at) IS NOT NULL""")
          .execute(Tuple.of(Fresh.NAME, from)).await().forEach(row -> millis.add(row.getDouble(0)));
      ApiClient.sleep(20);
    }
    return millis;
  }

  private static Future<HttpResponse<Buffer>> post(AipsServer node, String path, Buffer body) {
    return web.post(node.httpPort(), "127.0.0.1", path).putHeader("x-token", TOKEN)
        .putHeader("content-type", "application/json").sendBuffer(body);
  }

  private static void expectOk(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("AIPS answered " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  /** A node of this JVM with the test types and {@code extra}; {@code caps}: scheduler.concurrency (0 holds a type's backlog). */
  private static AipsServer node(JsonObject caps, List<TaskType> extra) {
    JsonObject settings = db.nodeSettings();
    settings.getJsonObject("scheduler").put("concurrency", caps);
    List<TaskType> types = new ArrayList<>(TestTypes.all());
    types.addAll(extra);
    return AipsServer.start(TestNode.config(TestNode.newDataDir("scaling-node"), settings), types).await();
  }

  private static TestNodeMain.ChildNode child(String name, String cluster, int port, JsonArray members, String... roles) throws Exception {
    JsonObject settings = db.nodeSettings().put("roles", TestNode.roles(roles)).put("cluster", TestNode.cluster(cluster, port, members));
    return TestNodeMain.launch(TestNode.configFile(TestNode.newDataDir("scaling-" + name), settings), "-Xmx1g");
  }

  /** A no-op type of any name, many at once. */
  private record Fresh(String name) implements TaskType {
    static final String NAME = "Fresh";

    Fresh() {
      this(NAME);
    }

    @Override public int concurrency() { return 4096; }

    @Override public Future<TaskResult> execute(TaskContext context) {
      return Future.succeededFuture(TaskResult.json(new JsonObject().put("ok", true)));
    }
  }

  /** A comma-separated list of whole numbers from a system property. */
  private static List<Integer> numbers(String property, String byDefault) {
    return Arrays.stream(System.getProperty(property, byDefault).split(",")).map(String::strip).map(Integer::parseInt).toList();
  }
}
