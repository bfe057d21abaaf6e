package org.aips.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 across a cluster of real processes on one shared PostgreSQL: two front nodes (http +
 * scheduler) and two executor nodes. Whatever dies, every accepted task finishes, once: its
 * effect (a line a finished Sleep writes to a file named by the task) is there exactly once.
 */
class ClusterFaultTest {

  private static final String TOKEN = Tokens.valid("faults");
  private static final int TASKS = 6;
  private static final long TASK_MILLIS = 4000;

  private final List<TestNodeMain.ChildNode> nodes = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private EmbeddedDatabase database;
  private Path effects;
  /** Settings of every node a test starts, on top of the quick test ones. */
  private final JsonObject settings = new JsonObject();

  @AfterEach
  void stopAll() throws Exception {
    for (TestNodeMain.ChildNode node : nodes) {
      node.process().destroyForcibly();
      node.process().waitFor(30, TimeUnit.SECONDS);
    }
    vertx.close().await();
    if (database != null) {
      database.close();
    }
  }

  @Test
  void killingAnExecutorAndThenAFrontNodeLosesNothingAndRepeatsNothing() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("faults-pg"));
    effects = Files.createDirectories(TestNode.newDataDir("faults").resolve("effects"));
    String cluster = "aips-faults-" + ProcessHandle.current().pid();
    TestNodeMain.ChildNode front1 = start("front1", cluster, 5901, List.of(), "http", "scheduler");
    TestNodeMain.ChildNode front2 = start("front2", cluster, 5902, List.of("127.0.0.1:5901"), "http", "scheduler");
    TestNodeMain.ChildNode executor1 = start("executor1", cluster, 5903, List.of("127.0.0.1:5901"), "executor");
    start("executor2", cluster, 5904, List.of("127.0.0.1:5901"), "executor");

    List<String> codes = new ArrayList<>();
    try (ApiClient api = new ApiClient(vertx, front1.port())) {
      for (int i = 0; i < TASKS; i++) {
        codes.add(api.awaitSubmit(TOKEN, sleep()).getString("queryCode"));
      }
      for (String code : codes) {
        api.awaitQuery(TOKEN, code, t -> "running".equals(t.getString("status")), Duration.ofSeconds(30));
      }
    }
    kill(executor1); // its runs end mid-way: they go back and finish on executor2
    ApiClient.sleep(1000);
    kill(front1);    // its scheduler's leases expire: front2's scheduler takes them over; clients go to front2

    try (ApiClient api = new ApiClient(vertx, front2.port())) {
      for (String code : codes) {
        JsonObject done = api.awaitQuery(TOKEN, code, t -> !"waiting".equals(t.getString("status"))
            && !"running".equals(t.getString("status")), Duration.ofSeconds(90));
        assertThat(done.getString("status")).as("task %s", code).isEqualTo("done");
        String id = Long.toString(done.getLong("taskNo")); // task ids and numbers match on a fresh database
        assertThat(Files.readAllLines(effects.resolve(id))).as("effects of task %s", id).hasSize(1);
      }
      String after = api.awaitSubmit(TOKEN, sleep()).getString("queryCode");
      assertThat(api.awaitStatus(TOKEN, after, "done").getString("status")).isEqualTo("done");
    }
  }

  /**
   * kill -9 of a scheduler whose runs live on: another scheduler takes over their leases when the
   * executor asks, so they finish on their first attempt (without the takeover they would be put
   * back in the queue when their 6 s leases expire, long before these 12 s runs end, and run again).
   * The executor asks once Hazelcast has dropped the killed member, which took over 3 s once on a
   * loaded machine: the leases leave it twice that.
   */
  @Test
  void killingASchedulerHandsItsLiveRunsToAnotherWithoutRunningThemAgain() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("takeover-pg"));
    effects = Files.createDirectories(TestNode.newDataDir("takeover").resolve("effects"));
    String cluster = "aips-takeover-" + ProcessHandle.current().pid();
    settings.put("scheduler", new JsonObject().put("leaseSeconds", 6));
    TestNodeMain.ChildNode front1 = start("front1", cluster, 5911, List.of(), "http", "scheduler");
    TestNodeMain.ChildNode front2 = start("front2", cluster, 5912, List.of("127.0.0.1:5911"), "http", "scheduler");
    start("executor", cluster, 5913, List.of("127.0.0.1:5911"), "executor");

    List<String> codes = new ArrayList<>();
    JsonObject longSleep = new JsonObject().put("taskType", "Sleep")
        .put("params", new JsonObject().put("millis", 12_000).put("effects", effects.toString()));
    try (ApiClient api = new ApiClient(vertx, front1.port())) {
      for (int i = 0; i < TASKS; i++) {
        codes.add(api.awaitSubmit(TOKEN, longSleep).getString("queryCode"));
      }
      for (String code : codes) {
        api.awaitQuery(TOKEN, code, t -> "running".equals(t.getString("status")), Duration.ofSeconds(30));
      }
    }
    kill(front1);

    try (ApiClient api = new ApiClient(vertx, front2.port())) {
      for (String code : codes) {
        JsonObject done = api.awaitStatus(TOKEN, code, "done");
        assertThat(done.getInteger("attempts")).as("attempts of task %s", code).isEqualTo(1);
        String id = Long.toString(done.getLong("taskNo"));
        assertThat(Files.readAllLines(effects.resolve(id))).as("effects of task %s", id).containsExactly("1");
        List<String> history = ApiClient.data(api.get("/api/task/" + code + "/events", TOKEN)).getJsonArray("events").stream()
            .map(e -> ((JsonObject) e).getString("event")).toList();
        assertThat(history).containsExactly("submitted", "claimed", "completed");
      }
    }
  }

  private TestNodeMain.ChildNode start(String name, String cluster, int port, List<String> members, String... roles) throws Exception {
    DatabaseUrl db = database.url();
    JsonObject overrides = settings.copy()
        .put("roles", TestNode.roles(roles))
        .put("db", new JsonObject().put("url", TestNode.databaseUri(db)))
        .put("cluster", TestNode.cluster(cluster, port, new JsonArray(members)));
    TestNodeMain.ChildNode node = TestNodeMain.launch(TestNode.configFile(TestNode.newDataDir(name), overrides));
    nodes.add(node);
    return node;
  }

  private JsonObject sleep() {
    return new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", TASK_MILLIS).put("effects", effects.toString()));
  }

  private static void kill(TestNodeMain.ChildNode node) throws InterruptedException {
    node.process().destroyForcibly(); // SIGKILL
    assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
