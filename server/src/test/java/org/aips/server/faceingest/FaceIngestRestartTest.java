package org.aips.server.faceingest;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's restart rule (a task running when the service went down is stopped after the restart)
 * across a graceful restart and a kill -9; after a start, every row is handled exactly once.
 */
class FaceIngestRestartTest {

  private static final String TOKEN = Tokens.valid("faceingest-restart");
  private static final int ROWS = 60;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aTaskRunningAtShutdownIsStoppedAfterTheRestartAndResumesWhenStarted() {
    Path dataDir = TestNode.newDataDir("faceingest-restart");
    JsonObject overrides = FaceIngestApiTest.overrides(FaceIngestApiTest.PLUGIN);
    AipsServer first = TestNode.start(TestNode.config(dataDir, overrides));
    String id;
    try (FaceIngestClient api = new FaceIngestClient(vertx, first.httpPort(), TOKEN)) {
      id = api.created(Map.of("group_name", "restart", "thread_num", "2"), FaceIngestApiTest.imageRows(ROWS));
      api.ok(id, "start");
      api.awaitDetail(id, d -> d.getInteger("handled_num") >= 5, Duration.ofSeconds(30));
    } finally {
      first.close().await();
    }
    AipsServer second = TestNode.start(TestNode.config(dataDir, overrides));
    try (FaceIngestClient api = new FaceIngestClient(vertx, second.httpPort(), TOKEN)) {
      assertStoppedThenFinishesExactlyOnce(api, id);
    } finally {
      second.close().await();
    }
  }

  @Test
  void afterAKillDashNineEveryRowIsHandledExactlyOnce() throws Exception {
    Path dataDir = TestNode.newDataDir("faceingest-kill");
    Path config = TestNode.configFile(dataDir, FaceIngestApiTest.overrides(FaceIngestApiTest.PLUGIN));
    TestNodeMain.ChildNode child = TestNodeMain.launch(config);
    TestNodeMain.ChildNode restarted = null;
    try {
      String id;
      try (FaceIngestClient api = new FaceIngestClient(vertx, child.port(), TOKEN)) {
        id = api.created(Map.of("group_name", "killed", "thread_num", "4"), FaceIngestApiTest.imageRows(ROWS));
        api.ok(id, "start");
        api.awaitDetail(id, d -> d.getInteger("handled_num") >= 12, Duration.ofSeconds(30));
      }
      child.process().destroyForcibly(); // SIGKILL, rows in flight
      assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      restarted = TestNodeMain.launch(config);
      try (FaceIngestClient api = new FaceIngestClient(vertx, restarted.port(), TOKEN)) {
        assertStoppedThenFinishesExactlyOnce(api, id);
      }
    } finally {
      if (restarted != null) {
        restarted.process().destroy();
        restarted.process().waitFor(30, TimeUnit.SECONDS);
      }
      child.process().destroyForcibly();
    }
  }

  private static void assertStoppedThenFinishesExactlyOnce(FaceIngestClient api, String id) {
    JsonObject stopped = api.detail(id);
    assertThat(stopped.getInteger("state")).as("stopped by the restart rule").isEqualTo(3);
    long handledBefore = stopped.getInteger("handled_num");
    assertThat(handledBefore).isBetween(5L, (long) ROWS - 1);
    api.ok(id, "start");
    JsonObject done = api.awaitState(id, 4, Duration.ofSeconds(90));
    assertThat(done.getInteger("handled_num")).as("handled_num = total_num").isEqualTo(ROWS).isEqualTo(done.getInteger("total_num"));
    JsonArray logs = api.action(id, "log").bodyAsJsonObject().getJsonArray("logs");
    assertThat(logs).as("every row logged once: none repeated, none missing").hasSize(ROWS);
    assertThat(logs.stream().map(l -> ((JsonObject) l).getString("uri")).distinct().count()).isEqualTo(ROWS);
  }
}
