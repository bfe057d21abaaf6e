package org.aips.server.bench.peers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.aips.server.AipsServer;
import org.aips.server.bench.InFlight;
import org.aips.server.config.AipsConfig;
import org.aips.server.config.ConfigLoader;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.Migrations;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestTypes;
import org.aips.server.support.Tokens;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * AIPS as a client sees it: submissions over HTTP with a token, {@code Noop} tasks (no work), nodes of
 * this JVM on its own database. Enqueue steps run on a node without the scheduler role (nothing is
 * dispatched meanwhile, as no peer worker runs then); drain starts a scheduler + executor node.
 */
final class AipsSystem implements QueueSystem {

  private static final String TOKEN = Tokens.valid("bench");
  private static final String DONE_COUNTER = "SELECT value FROM tasks_done";
  private static final Buffer NOOP = new JsonObject().put("taskType", "Noop").toBuffer();

  private final DatabaseUrl url;
  private final Vertx client = Vertx.vertx();
  private final WebClient web = WebClient.create(client, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(PeersBenchmark.IN_FLIGHT));
  private final Pool pool;
  private final Path noPlugins = TestNode.newDataDir("peers-no-plugins");

  AipsSystem(DatabaseUrl url) {
    this.url = url;
    Migrations.migrate(url);
    pool = PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(2)).connectingTo(url.connectOptions()).using(client).build();
  }

  @Override public String name() { return "AIPS"; }

  @Override public String version() { return "this build"; }

  @Override public String settings() {
    int cores = Runtime.getRuntime().availableProcessors();
    int loops = new AipsConfig(ConfigLoader.defaults()).eventLoops(cores);
    return "1 node: " + loops + " event loop" + (loops == 1 ? "" : "s") + " (eventLoops automatic, " + cores + " cores), "
        + "http.instances 2, scheduler.claimBatch 2048, Noop concurrency 4096, rate limit off; "
        + "submissions over HTTP (POST /api/task, POST /api/tasks) with a token; claims (leases) committed without waiting "
        + "for their WAL flush, everything else synchronously (docs/architecture.md)";
  }

  @Override public void clear() {
    pool.query("TRUNCATE task, queue_length, task_queue, task_run, task_expiry, task_event, task_input CASCADE").execute().await();
    pool.query("VACUUM ANALYZE").execute().await();
  }

  @Override public double enqueueOneByOne(int n) throws Exception {
    AipsServer node = node("http", "executor");
    try {
      awaitTypesKnown(node);
      return submitOneByOne(node, n);
    } finally {
      node.close().await();
    }
  }

  @Override public double enqueueBulk(int n) throws Exception {
    AipsServer node = node("http", "executor");
    try {
      awaitTypesKnown(node);
      long t0 = System.nanoTime();
      for (int from = 0; from < n; from += PeersBenchmark.BULK_CHUNK) {
        int count = Math.min(PeersBenchmark.BULK_CHUNK, n - from);
        JsonArray tasks = new JsonArray();
        for (int i = 0; i < count; i++) {
          tasks.add(new JsonObject().put("taskType", "Noop"));
        }
        expectOk(post(node, "/api/tasks", new JsonObject().put("tasks", tasks).toBuffer()).await());
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      node.close().await();
    }
  }

  @Override public double drain(int n) {
    long target = doneCounter() + n;
    long t0 = System.nanoTime();
    AipsServer node = node("scheduler", "executor");
    double startUp = (System.nanoTime() - t0) / 1e9;
    try {
      awaitDone(target);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("AIPS drain: %.2f s, of which %.2f s starting the node%n", seconds, startUp);
      return seconds;
    } finally {
      node.close().await();
    }
  }

  @Override public double flow(int n) throws Exception {
    AipsServer node = node("http", "scheduler", "executor");
    try {
      awaitTypesKnown(node);
      long target = doneCounter() + n;
      long t0 = System.nanoTime();
      submitOneByOne(node, n);
      awaitDone(target);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      node.close().await();
    }
  }

  @Override public List<Double> idleLatency(int samples) throws Exception {
    AipsServer node = node("http", "scheduler", "executor");
    try {
      awaitTypesKnown(node);
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
        CompletableFuture<Long> start = new CompletableFuture<>();
        Probe.STARTS.put(i, start);
        long t0 = System.nanoTime();
        expectOk(post(node, "/api/task", new JsonObject().put("taskType", Probe.NAME).put("params", new JsonObject().put("i", i)).toBuffer()).await());
        long started = start.get(30, TimeUnit.SECONDS);
        millis.add((started - t0) / 1e6);
      }
      return millis;
    } finally {
      node.close().await();
    }
  }

  @Override public void close() {
    web.close();
    pool.close().await();
    client.close().await();
  }

  private double submitOneByOne(AipsServer node, int n) throws InterruptedException {
    return InFlight.run(n, PeersBenchmark.IN_FLIGHT, i -> expectOk(post(node, "/api/task", NOOP).await()));
  }

  private Future<HttpResponse<Buffer>> post(AipsServer node, String path, Buffer body) {
    return web.post(node.httpPort(), "127.0.0.1", path).putHeader("x-token", TOKEN)
        .putHeader("content-type", "application/json").sendBuffer(body);
  }

  private static void expectOk(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("AIPS answered " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  /**
   * Executors announce their types asynchronously, to each HTTP instance: wait until several new connections
   * (spread over the instances) find Noop known. The probe's keepSeconds is over the limit, a check made
   * only once the type is found, so it is refused either way and nothing is inserted.
   */
  private void awaitTypesKnown(AipsServer node) throws InterruptedException {
    Buffer probe = new JsonObject().put("taskType", "Noop").put("keepSeconds", Long.MAX_VALUE / 2).toBuffer();
    WebClient fresh = WebClient.create(client, new WebClientOptions().setKeepAlive(false));
    try {
      for (int known = 0; known < 6; ) {
        String body = fresh.post(node.httpPort(), "127.0.0.1", "/api/task").putHeader("x-token", TOKEN)
            .putHeader("content-type", "application/json").sendBuffer(probe).await().bodyAsString();
        known = body.contains("UNKNOWN_TASK_TYPE") ? 0 : known + 1;
        if (known == 0) {
          Thread.sleep(20);
        }
      }
    } finally {
      fresh.close();
    }
  }

  private long doneCounter() {
    return pool.query(DONE_COUNTER).execute().await().iterator().next().getLong(0);
  }

  /** Polls the done counter (one row, cheap) every 5 ms: completions are counted in their own transaction. */
  private void awaitDone(long target) {
    while (doneCounter() < target) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private AipsServer node(String... roles) {
    JsonObject config = TestNode.productionTimings()
        .put("roles", TestNode.roles(roles))
        .put("db", new JsonObject().put("url", TestNode.databaseUri(url)))
        .put("http", new JsonObject().put("instances", 2).put("rateLimit", new JsonObject().put("requestsPerSecond", 0)))
        .put("plugins", new JsonObject().put("dir", noPlugins.toString()))
        .put("scheduler", TestNode.productionTimings().getJsonObject("scheduler").put("claimBatch", 2048).put("leaseSeconds", 30)
            .put("sweepSeconds", 3600));
    List<TaskType> types = new ArrayList<>(TestTypes.all());
    types.add(new Probe());
    return AipsServer.start(TestNode.config(TestNode.newDataDir("peers-node"), config), types).await();
  }

  /** A no-op task that notes when it started, by params.i: the idle latency's handler. */
  static final class Probe implements TaskType {
    static final String NAME = "Probe";
    /** Completed with System.nanoTime() when the task of that params.i starts. */
    static final Map<Integer, CompletableFuture<Long>> STARTS = new ConcurrentHashMap<>();

    @Override public String name() { return NAME; }

    @Override public Future<TaskResult> execute(TaskContext context) {
      long now = System.nanoTime();
      CompletableFuture<Long> start = STARTS.remove(context.params().getInteger("i"));
      if (start != null) {
        start.complete(now);
      }
      return Future.succeededFuture(TaskResult.json(new JsonObject().put("ok", true)));
    }
  }
}
