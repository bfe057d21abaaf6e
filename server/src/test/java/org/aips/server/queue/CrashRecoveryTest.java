package org.aips.server.queue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a node in the middle of a task: after a restart the task completes, once, and nothing is lost. */
class CrashRecoveryTest {

  private static final String TOKEN = Tokens.valid("crash");

  @Test
  void aTaskInterruptedByKillNineCompletesAfterRestart() throws Exception {
    Path dataDir = TestNode.newDataDir("crash");
    Path configFile = TestNode.configFile(dataDir, new JsonObject());
    Path effects = java.nio.file.Files.createDirectories(dataDir.resolve("effects"));
    TestNodeMain.ChildNode child = TestNodeMain.launch(configFile);
    Vertx vertx = Vertx.vertx();
    String interrupted;
    String queued;
    try (ApiClient api = new ApiClient(vertx, child.port())) {
      interrupted = api.submit(TOKEN, new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", 3000).put("effects", effects.toString())))
          .getString("queryCode");
      api.awaitQuery(TOKEN, interrupted, t -> t.getDouble("proccessing") > 0.1, Duration.ofSeconds(20));
      queued = api.submit(TOKEN, new JsonObject().put("taskType", "Flaky")).getString("queryCode");
    }
    child.process().destroyForcibly(); // SIGKILL: no shutdown hook, PostgreSQL left running
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    AipsServer restarted = TestNode.start(TestNode.config(dataDir, new JsonObject()));
    try (ApiClient api = new ApiClient(vertx, restarted.httpPort())) {
      JsonObject done = api.awaitStatus(TOKEN, interrupted, "done");
      assertThat(done.getInteger("attempts")).isEqualTo(2);
      assertThat(api.get("/api/task-result/" + interrupted, TOKEN).bodyAsJsonObject().getInteger("attempt")).isEqualTo(2);
      assertThat(api.awaitStatus(TOKEN, queued, "done").getString("status")).isEqualTo("done");
      String id = Long.toString(done.getLong("taskNo")); // task ids and numbers match on a fresh database
      assertThat(java.nio.file.Files.readAllLines(effects.resolve(id))).as("completed runs, in either process").containsExactly("2");
    } finally {
      restarted.close().await();
      vertx.close().await();
    }
  }
}
