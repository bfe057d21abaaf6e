package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.aips.server.plugin.FileStatsClient.taskState;
import static org.assertj.core.api.Assertions.assertThat;

/** A service's own restart rule (seed 002's: running jobs are stopped), and a plugin API without the host's authentication. */
class ServicePluginRestartTest {

  private static final String TOKEN = Tokens.valid("filestats-restart");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void withStopRunningOnRestartAJobRunningAtShutdownIsStoppedThenResumesWhenStarted() throws Exception {
    Path dataDir = TestNode.newDataDir("filestats-restart");
    JsonObject plugin = new JsonObject().put("maxBytesPerSecond", 8L << 20).put("checkpointBytes", 1L << 20).put("stopRunningOnRestart", true);
    JsonObject overrides = new JsonObject().put("plugins", new JsonObject().put("config", new JsonObject().put("filestats", plugin)));
    AipsServer first = TestNode.start(TestNode.config(dataDir, overrides));
    String job;
    try (FileStatsClient api = new FileStatsClient(vertx, first.httpPort(), TOKEN)) {
      job = api.createJob(api.uploaded(FileStatsClient.linesFile(dataDir, 32L * 16384)));
      api.awaitJob(job, j -> j.getJsonObject("task").getJsonObject("checkpoint") != null, Duration.ofSeconds(30));
    } finally {
      first.close().await();
    }

    AipsServer second = TestNode.start(TestNode.config(dataDir, overrides));
    try (FileStatsClient api = new FileStatsClient(vertx, second.httpPort(), TOKEN)) {
      JsonObject stopped = api.job(job);
      assertThat(taskState(stopped)).as("stopped by the service at its start").isEqualTo("STOPPED");
      long offset = stopped.getJsonObject("task").getJsonObject("checkpoint").getLong("offset");
      assertThat(offset).isPositive();
      assertThat(api.action(job, "start").statusCode()).isEqualTo(200);
      JsonObject done = api.awaitJob(job, j -> "DONE".equals(taskState(j)), Duration.ofSeconds(30));
      JsonArray runs = done.getJsonObject("task").getJsonObject("result").getJsonArray("runs");
      assertThat(done.getJsonObject("task").getJsonObject("result").getLong("lines")).isEqualTo(32L * 16384);
      assertThat(runs.getLong(runs.size() - 1)).as("resumed from the checkpoint kept across the restart").isEqualTo(offset);
    } finally {
      second.close().await();
    }
  }

  @Test
  void aPluginWhoseAuthIsNoneIsOpenWhileTheCoreApiStillNeedsATokenOnTheSameNode() {
    JsonObject overrides = new JsonObject().put("plugins", new JsonObject().put("auth", new JsonObject().put("filestats", "none")));
    AipsServer node = TestNode.start(TestNode.config(TestNode.newDataDir("filestats-open"), overrides));
    try (FileStatsClient anonymous = new FileStatsClient(vertx, node.httpPort(), "")) {
      assertThat(anonymous.get("/filestats/v1/jobs").statusCode()).isEqualTo(200);
      assertThat(anonymous.get("/api/taskes-waiting").statusCode()).isEqualTo(401);
    } finally {
      node.close().await();
    }
  }
}
