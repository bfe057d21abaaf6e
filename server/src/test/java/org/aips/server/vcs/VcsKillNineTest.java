package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the node while it analyses a video: after a restart the compute task resumes from its
 * device's last checkpoint and ends with the events of a run never interrupted, none twice, none missing.
 */
class VcsKillNineTest {

  private static final String TOKEN = Tokens.valid("sps-crash");

  @Test
  void aVideoAnalysisInterruptedByKillNineResumesWithNoEventTwiceOrMissing() throws Exception {
    Path dataDir = TestNode.newDataDir("vcs-crash");
    Path clip = VcsClips.panning(dataDir, 2, 12);
    JsonObject overrides = new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 1))
        .put("plugins", new JsonObject().put("config", new JsonObject().put("vcs", new JsonObject().put("checkpointEverySamples", 3))));
    TestNodeMain.ChildNode child = TestNodeMain.launch(TestNode.configFile(dataDir, overrides), "-Xmx1g");
    Vertx vertx = Vertx.vertx();
    String interrupted;
    JsonObject video;
    double progressAtKill;
    try (VcsClient api = new VcsClient(vertx, child.port(), TOKEN)) {
      video = api.uploaded(clip);
      interrupted = api.create(VcsClient.task("interrupted", 0, video, List.of("body")));
      api.ok("startComputeTask", new JsonObject().put("taskId", interrupted));
      progressAtKill = api.await(interrupted, t -> t.getDouble("progress") > 0.3, Duration.ofSeconds(180)).getDouble("progress");
    } finally {
      child.process().destroyForcibly(); // SIGKILL: no clean stop, PostgreSQL left running
      assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(progressAtKill).as("killed midway").isLessThan(1.0);

    AipsServer restarted = TestNode.start(TestNode.config(dataDir, overrides));
    try (VcsClient api = new VcsClient(vertx, restarted.httpPort(), TOKEN)) {
      JsonObject resumed = api.await(interrupted, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofSeconds(180));
      assertThat(resumed.getString("taskStatus")).as("%s", resumed).isEqualTo("FINISHED");
      String straight = api.create(VcsClient.task("straight", 0, video, List.of("body")));
      api.ok("startComputeTask", new JsonObject().put("taskId", straight));
      api.await(straight, t -> "FINISHED".equals(t.getString("taskStatus")), Duration.ofSeconds(180));
      assertThat(VcsServiceTest.tracks(api, interrupted)).as("the events of a run never interrupted")
          .isEqualTo(VcsServiceTest.tracks(api, straight)).isNotEmpty();
    } finally {
      restarted.close().await();
      vertx.close().await();
    }
  }
}
