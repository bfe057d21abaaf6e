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

/**
 * SIGTERM to a node in another JVM: a task that finishes within the grace period is written and
 * never runs again; one that does not is handed back unchanged (its attempt not counted).
 */
class GracefulShutdownTest {

  private static final String TOKEN = Tokens.valid("graceful");

  @Test
  void aCleanStopFinishesWhatItCanAndHandsBackTheRest() throws Exception {
    Path dataDir = TestNode.newDataDir("graceful");
    Path effects = java.nio.file.Files.createDirectories(dataDir.resolve("effects"));
    Path configFile = TestNode.configFile(dataDir, new JsonObject().put("executor", new JsonObject().put("shutdownGraceSeconds", 4)));
    TestNodeMain.ChildNode child = TestNodeMain.launch(configFile);
    Vertx vertx = Vertx.vertx();
    String quick;
    String slow;
    try (ApiClient api = new ApiClient(vertx, child.port())) {
      quick = api.awaitSubmit(TOKEN, sleep(2_500, effects)).getString("queryCode");
      slow = api.submit(TOKEN, sleep(600_000, effects)).getString("queryCode");
      api.awaitQuery(TOKEN, quick, t -> "running".equals(t.getString("status")), Duration.ofSeconds(20));
      api.awaitQuery(TOKEN, slow, t -> "running".equals(t.getString("status")), Duration.ofSeconds(20));
    }
    long stopAsked = System.nanoTime();
    child.process().destroy(); // SIGTERM
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).as("the grace period and no more").isLessThan(Duration.ofSeconds(15));

    AipsServer restarted = TestNode.start(TestNode.config(dataDir, new JsonObject()));
    try (ApiClient api = new ApiClient(vertx, restarted.httpPort())) {
      JsonObject finished = api.query(TOKEN, quick);
      assertThat(finished.getString("status")).as("finished within the grace period and written before exit").isEqualTo("done");
      assertThat(finished.getInteger("attempts")).isEqualTo(1);
      ApiClient.sleep(1500);
      Path effect = effects.resolve(Long.toString(finished.getLong("taskNo"))); // task ids and numbers match on a fresh database
      assertThat(java.nio.file.Files.readAllLines(effect)).as("ran once, before the stop, and not again after the restart").containsExactly("1");

      JsonObject handedBack = api.awaitQuery(TOKEN, slow, t -> "running".equals(t.getString("status")), Duration.ofSeconds(20));
      assertThat(handedBack.getInteger("attempts")).as("the interrupted run did not count").isEqualTo(1);
      assertThat(api.post("/api/task/" + slow + "/cancel", TOKEN, new JsonObject()).statusCode()).isEqualTo(200);
    } finally {
      restarted.close().await();
      vertx.close().await();
    }
  }

  private static JsonObject sleep(long millis, Path effects) {
    return new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", millis).put("effects", effects.toString()));
  }
}
