package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.aips.server.plugin.FileStatsClient.taskState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference service plugin across real processes: a 1 GiB upload into a node whose heap is a
 * quarter of that (so it cannot have held the file), then a kill -9 in the middle of the job; after
 * a restart the job continues from its last checkpoint and counts every line exactly once.
 */
class ServicePluginCrashTest {

  private static final String TOKEN = Tokens.valid("filestats-crash");
  private static final long LINES = 1L << 24; // 64 bytes each: 1 GiB
  private static final String HEAP = "-Xmx256m";

  @Test
  void aGibUploadFitsASmallHeapAndAJobKilledMidwayResumesFromItsCheckpoint() throws Exception {
    Path dataDir = TestNode.newDataDir("filestats-crash");
    JsonObject plugin = new JsonObject().put("maxBytesPerSecond", 96L << 20).put("checkpointBytes", 16L << 20);
    Path configFile = TestNode.configFile(dataDir, new JsonObject().put("plugins", new JsonObject()
        .put("config", new JsonObject().put("filestats", plugin))));
    Path file = FileStatsClient.linesFile(dataDir, LINES);
    Vertx vertx = Vertx.vertx();
    TestNodeMain.ChildNode child = TestNodeMain.launch(configFile, HEAP);
    TestNodeMain.ChildNode restarted = null;
    try {
      String job;
      long killedAfter;
      try (FileStatsClient api = new FileStatsClient(vertx, child.port(), TOKEN)) {
        HttpResponse<Buffer> uploaded = api.upload(file);
        assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
        assertThat(uploaded.bodyAsJsonObject().getLong("size")).isEqualTo(1L << 30);
        job = api.createJob(uploaded.bodyAsJsonObject().getString("fileId"));
        JsonObject midway = api.awaitJob(job, j -> checkpointOffset(j) >= (64L << 20), Duration.ofSeconds(60));
        killedAfter = checkpointOffset(midway);
      }
      child.process().destroyForcibly(); // SIGKILL: no shutdown hook, PostgreSQL left running
      assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

      restarted = TestNodeMain.launch(configFile, HEAP);
      try (FileStatsClient api = new FileStatsClient(vertx, restarted.port(), TOKEN)) {
        JsonObject done = api.awaitJob(job, j -> "DONE".equals(taskState(j)), Duration.ofSeconds(90));
        JsonObject result = done.getJsonObject("task").getJsonObject("result");
        assertThat(result.getLong("lines")).isEqualTo(LINES);
        assertThat(result.getLong("bytes")).isEqualTo(1L << 30);
        JsonArray runs = result.getJsonArray("runs");
        assertThat(runs.size()).as("one run before the kill, one after: %s", runs).isEqualTo(2);
        assertThat(runs.getLong(0)).isZero();
        assertThat(runs.getLong(1)).as("the second run started from a checkpoint, not from 0").isGreaterThanOrEqualTo(killedAfter);
        assertThat(done.getJsonObject("task").getInteger("attempts")).isEqualTo(2);
      }
    } finally {
      if (restarted != null) {
        restarted.process().destroy();
        restarted.process().waitFor(30, TimeUnit.SECONDS);
      }
      child.process().destroyForcibly();
      vertx.close().await();
      Files.deleteIfExists(file);
      try (var blobs = Files.walk(dataDir.resolve("blobs"))) { // a GiB per run otherwise
        blobs.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static long checkpointOffset(JsonObject job) {
    JsonObject checkpoint = job.getJsonObject("task").getJsonObject("checkpoint");
    return checkpoint == null ? 0 : checkpoint.getLong("offset");
  }
}
