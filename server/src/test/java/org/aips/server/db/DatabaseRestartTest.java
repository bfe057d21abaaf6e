package org.aips.server.db;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped and started again under a running node: while it is down, submissions are
 * refused with a clear error and readiness is 503; once it is back the node reconnects by itself,
 * and every task accepted before finishes.
 */
class DatabaseRestartTest {

  private static final String TOKEN = Tokens.valid("pg-restart");

  @Test
  void theNodeReconnectsAfterADatabaseRestartAndLosesNothingItAccepted() throws Exception {
    Path pgDir = TestNode.newDataDir("pg-restart-db");
    int port = TestNode.freePort(); // the restarted server comes back on it
    EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, port);
    AipsServer node = nodeOn(database, "pg-restart");
    Vertx vertx = Vertx.vertx();
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        accepted.add(api.awaitSubmit(TOKEN, sleep(300)).getString("queryCode"));
      }
      database.close();
      HttpResponse<Buffer> refused = api.post("/api/task", TOKEN, sleep(300));
      assertThat(refused.statusCode()).isGreaterThanOrEqualTo(500);
      assertThat(refused.bodyAsJsonObject().getBoolean("success")).isFalse();
      assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(503);

      database = EmbeddedDatabase.start(pgDir, port);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (api.get("/health/ready", null).statusCode() != 200) { // the pools drop their dead connections and open new ones
        assertThat(System.nanoTime()).as("ready again after the restart").isLessThan(deadline);
        ApiClient.sleep(100);
      }
      for (String code : accepted) {
        JsonObject done = api.awaitQuery(TOKEN, code, t -> "done".equals(t.getString("status")), Duration.ofSeconds(60));
        assertThat(done.getString("status")).isEqualTo("done");
      }
      String after = api.awaitSubmit(TOKEN, sleep(10)).getString("queryCode");
      assertThat(api.awaitStatus(TOKEN, after, "done").getString("status")).isEqualTo("done");
    } finally {
      node.close().await();
      vertx.close().await();
      database.close();
    }
  }

  /**
   * PostgreSQL crashes (an immediate shutdown: WAL buffers not yet written are lost, as when the server
   * dies) while tasks are being claimed and run. Claims commit asynchronously, so the last ones may be
   * lost with it: those tasks are waiting again and must be claimed again; every accepted task ends done.
   */
  @Test
  void tasksClaimedJustBeforeADatabaseCrashAreRunAfterIt() throws Exception {
    Path pgDir = TestNode.newDataDir("pg-crash-db");
    int port = TestNode.freePort(); // the restarted server comes back on it
    EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, port);
    Path effects = TestNode.newDataDir("pg-crash-effects");
    AipsServer node = nodeOn(database, "pg-crash");
    Vertx vertx = Vertx.vertx();
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        JsonObject task = new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", 20).put("effects", effects.toString()));
        accepted.add(api.awaitSubmit(TOKEN, task).getString("queryCode"));
      }
      ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pgDir.resolve("pg").resolve("postmaster.pid")).get(0).trim()))
          .orElseThrow();
      new ProcessBuilder("kill", "-QUIT", String.valueOf(postmaster.pid())).inheritIO().start().waitFor();
      postmaster.onExit().get(30, TimeUnit.SECONDS);
      database.close(); // the library's handle on the dead server: lets go of the data directory's lock

      database = EmbeddedDatabase.start(pgDir, port);
      for (String code : accepted) {
        JsonObject done = api.awaitQuery(TOKEN, code, t -> "done".equals(t.getString("status")), Duration.ofSeconds(90));
        assertThat(done.getString("status")).isEqualTo("done");
      }
      try (Stream<Path> ran = Files.list(effects)) {
        assertThat(ran.count()).as("tasks whose run left its effect").isEqualTo(accepted.size());
      }
    } finally {
      node.close().await();
      vertx.close().await();
      database.close();
    }
  }

  private static AipsServer nodeOn(EmbeddedDatabase database, String name) {
    return TestNode.start(TestNode.config(TestNode.newDataDir(name),
        new JsonObject().put("db", new JsonObject().put("url", TestNode.databaseUri(database.url())))));
  }

  private static JsonObject sleep(long millis) {
    return new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", millis));
  }
}
