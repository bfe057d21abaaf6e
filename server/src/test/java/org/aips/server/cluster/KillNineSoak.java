package org.aips.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak of issue #15: 10,000 tasks submitted over HTTP at a steady rate to a cluster of four
 * real processes (two front nodes with http + scheduler, two executors) on one durable PostgreSQL,
 * while nodes are killed with kill -9 five times (each node once, in a random order, then a random
 * one; each started again 2 s later). Afterwards: no task a
 * client was told about is lost, every task is terminal and done, each task's effect happened once,
 * no attempt ran twice, and every re-run follows a retry the history recorded. Prints a report
 * (docs/soak.md). Not part of ./aips test (about four minutes): run it with {@code ./aips soak};
 * -Dsoak.tasks, -Dsoak.kills, -Dsoak.rate (submissions a second) and -Dsoak.seed change the run.
 */
@Tag("soak")
class KillNineSoak {

  private static final int TASKS = Integer.getInteger("soak.tasks", 10_000);
  private static final int KILLS = Integer.getInteger("soak.kills", 5);
  private static final int RATE = Integer.getInteger("soak.rate", 80);
  private static final long SEED = Long.getLong("soak.seed", System.nanoTime());
  private static final String TOKEN = Tokens.valid("soak");
  private static final int BASE_PORT = 5931;

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private EmbeddedDatabase database;

  /** A node of the cluster; the killer starts it again on the same configuration. */
  private static final class Member {
    final String name;
    final Path configFile;
    final boolean front;
    volatile TestNodeMain.ChildNode node;

    Member(String name, Path configFile, boolean front) throws Exception {
      this.name = name;
      this.configFile = configFile;
      this.front = front;
      this.node = TestNodeMain.launch(configFile);
    }
  }

  private record Kill(double atSeconds, String node, double downSeconds) {
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Member member : members.values()) {
      member.node.process().destroyForcibly();
      member.node.process().waitFor(30, TimeUnit.SECONDS);
    }
    vertx.close().await();
    if (database != null) {
      database.close();
    }
  }

  @Test
  void tenThousandTasksThroughFiveKillNinesLoseNothingAndRepeatNoEffect() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("soak-pg"));
    Path ledger = Files.createDirectories(TestNode.newDataDir("soak").resolve("ledger"));
    String cluster = "aips-soak-" + ProcessHandle.current().pid();
    start("front1", cluster, 0, true, "http", "scheduler");
    start("front2", cluster, 1, true, "http", "scheduler");
    start("executor1", cluster, 2, false, "executor");
    start("executor2", cluster, 3, false, "executor");
    Random random = new Random(SEED);
    System.out.printf("%n== soak: %d tasks at %d/s, %d kill -9s, seed %d ==%n", TASKS, RATE, KILLS, SEED);

    Map<Integer, String> answered = new ConcurrentHashMap<>();
    Map<Integer, String> unanswered = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    ExecutorService submitters = Executors.newFixedThreadPool(16);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    awaitLedgerKnown(http);
    Thread killer = new Thread(() -> killNodes(random, started));
    killer.setUncaughtExceptionHandler((t, e) -> e.printStackTrace());
    killer.start();
    for (int n = 0; n < TASKS; n++) {
      long due = started + TimeUnit.MILLISECONDS.toNanos(n * 1000L / RATE);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int taskNo = n;
      long millis = 100 + random.nextInt(900);
      submitters.execute(() -> submit(http, taskNo, millis, ledger, answered, unanswered));
    }
    submitters.shutdown();
    assertThat(submitters.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    killer.join();
    double submittedIn = seconds(started);

    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(database.url().connectOptions()).using(vertx).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long open;
    do {
      Thread.sleep(1000);
      open = pool.query("SELECT count(*) FROM task WHERE task_type = 'Ledger' AND status NOT IN ('done', 'failed', 'cancelled')")
          .execute().await().iterator().next().getLong(0);
    } while (open > 0 && System.nanoTime() < deadline);
    double finishedIn = seconds(started);

    Map<Integer, Row> tasks = new HashMap<>();
    for (Row row : pool.query("SELECT id, query_code, status, attempts, (params->>'n')::int AS n FROM task WHERE task_type = 'Ledger'")
        .execute().await()) {
      tasks.put(row.getInteger("n"), row);
    }
    Map<Long, Long> retries = new HashMap<>();
    for (Row row : pool.query("SELECT task_id, count(*) FROM task_event WHERE event = 'retried' GROUP BY task_id").execute().await()) {
      retries.put(row.getLong(0), row.getLong(1));
    }
    Map<String, Long> retryCauses = new java.util.TreeMap<>();
    for (Row row : pool.query("SELECT coalesce(detail, '?'), count(*) FROM task_event WHERE event = 'retried' GROUP BY 1").execute().await()) {
      retryCauses.put(row.getString(0), row.getLong(1));
    }
    pool.close().await();

    // What a client was told was accepted is there; what it never heard about may or may not be.
    List<Integer> lost = answered.keySet().stream().filter(n -> !tasks.containsKey(n)
        || !tasks.get(n).getString("query_code").equals(answered.get(n))).sorted().toList();
    Map<String, Long> byStatus = tasks.values().stream().collect(Collectors.groupingBy(r -> r.getString("status"), Collectors.counting()));
    int runs = 0;
    int rerunTasks = 0;
    int alreadyApplied = 0;
    List<String> problems = new ArrayList<>();
    for (Row task : tasks.values()) {
      long id = task.getLong("id");
      List<String> lines = Files.readAllLines(ledger.resolve(id + ".runs"));
      List<String> startedAttempts = lines.stream().filter(l -> l.startsWith("start ")).map(l -> l.split(" ")[1]).toList();
      long applied = lines.stream().filter(l -> l.startsWith("applied ")).count();
      alreadyApplied += (int) lines.stream().filter(l -> l.startsWith("already ")).count();
      runs += startedAttempts.size();
      if (startedAttempts.size() > 1) {
        rerunTasks++;
      }
      if (applied != 1 || !Files.exists(ledger.resolve(id + ".effect"))) {
        problems.add("task " + id + ": effect applied " + applied + " times");
      }
      if (startedAttempts.stream().distinct().count() != startedAttempts.size()) {
        problems.add("task " + id + ": an attempt ran twice " + startedAttempts);
      }
      if (startedAttempts.size() > 1 + retries.getOrDefault(id, 0L)) {
        problems.add("task " + id + ": " + startedAttempts.size() + " runs but " + retries.getOrDefault(id, 0L) + " retries in its history");
      }
    }
    long acceptedUnheard = unanswered.keySet().stream().filter(tasks::containsKey).count();

    System.out.printf("SOAK submitted %,d in %.1f s: answered %,d, unanswered %,d (of which the database has %,d)%n",
        TASKS, submittedIn, answered.size(), unanswered.size(), acceptedUnheard);
    kills.forEach(k -> System.out.printf("SOAK kill -9 at %6.1f s: %-9s (serving again %.1f s later)%n", k.atSeconds(), k.node(), k.downSeconds()));
    System.out.printf("SOAK every task terminal %.1f s after the start; tasks %,d by status %s; lost %d%n",
        finishedIn, tasks.size(), byStatus, lost.size());
    System.out.printf("SOAK runs %,d; tasks run more than once %,d (each after a retry in its history); "
        + "effects applied twice 0 of %,d expected, found %d problems; re-runs that found their effect already applied: %d%n",
        runs, rerunTasks, tasks.size(), problems.size(), alreadyApplied);
    System.out.printf("SOAK retries by cause: %s%n", retryCauses);
    problems.stream().limit(20).forEach(p -> System.out.println("SOAK problem: " + p));

    assertThat(kills).as("kill -9s made").hasSize(KILLS);
    assertThat(lost).as("tasks a client was told were accepted, missing").isEmpty();
    assertThat(open).as("tasks not terminal 5 minutes after the last submission").isZero();
    assertThat(byStatus.keySet()).as("every task done").containsOnly("done");
    assertThat(problems).isEmpty();
  }

  private final List<Kill> kills = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Both front nodes have heard an executor announce Ledger (a body without params is refused for them, not for the type). */
  private void awaitLedgerKnown(HttpClient http) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Member front : members.values().stream().filter(m -> m.front).toList()) {
      String answer;
      do {
        Thread.sleep(100);
        answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.node.port() + "/api/task"))
            .header("x-token", TOKEN).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"taskType\":\"Ledger\"}")).build(), HttpResponse.BodyHandlers.ofString()).body();
      } while (answer.contains("UNKNOWN_TASK_TYPE") && System.nanoTime() < deadline);
    }
  }

  /**
   * KILLS times, spread over the submission period: kill -9 a node, start it again after 2 s. Every
   * node once in a random order (so both roles die), then random ones.
   */
  private void killNodes(Random random, long started) {
    double period = (double) TASKS / RATE;
    List<Member> all = List.copyOf(members.values());
    List<Member> order = new ArrayList<>(all);
    java.util.Collections.shuffle(order, random);
    try {
      for (int k = 1; k <= KILLS; k++) {
        long due = started + (long) (period * k / (KILLS + 1) * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        Member victim = k <= order.size() ? order.get(k - 1) : all.get(random.nextInt(all.size()));
        double at = seconds(started);
        victim.node.process().destroyForcibly(); // SIGKILL
        victim.node.process().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(2000);
        victim.node = TestNodeMain.launch(victim.configFile);
        kills.add(new Kill(at, victim.name, seconds(started) - at));
      }
    } catch (Exception e) {
      throw new IllegalStateException("the killer failed", e);
    }
  }

  /** To a live front node; to the other one when the first refuses the connection (then nothing was sent). */
  private void submit(HttpClient http, int n, long millis, Path ledger, Map<Integer, String> answered, Map<Integer, String> unanswered) {
    String body = new JsonObject().put("taskType", "Ledger")
        .put("params", new JsonObject().put("millis", millis).put("ledger", ledger.toString()).put("n", n)).encode();
    List<Member> fronts = members.values().stream().filter(m -> m.front).collect(Collectors.toList());
    java.util.Collections.rotate(fronts, n);
    for (Member front : fronts) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.node.port() + "/api/task"))
          .timeout(Duration.ofSeconds(15)).header("x-token", TOKEN).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          answered.put(n, new JsonObject(response.body()).getJsonObject("data").getString("queryCode"));
        } else {
          unanswered.put(n, response.statusCode() + " " + response.body());
        }
        return;
      } catch (ConnectException refused) {
        // not sent: the other front
      } catch (IOException | InterruptedException e) {
        unanswered.put(n, e.toString());
        return;
      }
    }
    unanswered.put(n, "no front node accepted a connection");
  }

  private void start(String name, String cluster, int index, boolean front, String... roles) throws Exception {
    DatabaseUrl db = database.url();
    JsonArray all = new JsonArray();
    for (int i = 0; i < 4; i++) {
      all.add("127.0.0.1:" + (BASE_PORT + i));
    }
    JsonObject overrides = new JsonObject()
        .put("roles", TestNode.roles(roles))
        .put("db", new JsonObject().put("url", TestNode.databaseUri(db)))
        .put("cluster", TestNode.cluster(cluster, BASE_PORT + index, all))
        // a run may die with its executor twice or more in a row; no task should fail for it here
        .put("scheduler", new JsonObject().put("maxAttempts", 10))
        .put("http", new JsonObject().put("rateLimit", new JsonObject().put("requestsPerSecond", 0)));
    Path config = TestNode.configFile(TestNode.newDataDir(name), overrides);
    members.put(name, new Member(name, config, front));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
