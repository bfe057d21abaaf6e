package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.aips.server.plugin.FileStatsClient.taskState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reference service plugin (plugins/filestats), loaded from its jar like any third-party plugin:
 * its own routes, schema and migrations, streamed uploads, task events, and jobs that stop and
 * resume from their checkpoint.
 */
class ServicePluginTest {

  private static final String TOKEN = Tokens.valid("filestats");
  private static final long UPLOAD_LIMIT = 40L << 20;

  private static Path dataDir;
  private static AipsServer node;
  private static Vertx vertx;
  private static FileStatsClient api;

  @BeforeAll
  static void start() {
    dataDir = TestNode.newDataDir("filestats");
    // 16 MiB/s and a checkpoint per MiB: a 32 MiB job runs for two seconds, long enough to stop it midway
    JsonObject plugin = new JsonObject().put("maxBytesPerSecond", 16L << 20).put("checkpointBytes", 1L << 20)
        .put("maxUploadBytes", UPLOAD_LIMIT);
    node = TestNode.start(TestNode.config(dataDir, new JsonObject().put("plugins", new JsonObject()
        .put("config", new JsonObject().put("filestats", plugin)))));
    vertx = Vertx.vertx();
    api = new FileStatsClient(vertx, node.httpPort(), TOKEN);
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  @Test
  void aJobCountsTheLinesOfAnUploadedFileAndItsStateFollowsTaskEvents() throws Exception {
    Path file = FileStatsClient.linesFile(dataDir, 30_000);
    String job = api.createJob(api.uploaded(file));

    JsonObject done = api.awaitJob(job, j -> "DONE".equals(taskState(j)), Duration.ofSeconds(30));
    assertThat(done.getJsonObject("task").getJsonObject("result").getLong("lines")).isEqualTo(30_000);
    assertThat(done.getJsonObject("task").getJsonObject("result").getLong("bytes")).isEqualTo(Files.size(file));
    // the service's own table follows the task through events, without polling
    JsonObject listed = awaitListed(job, "DONE");
    assertThat(listed.getLong("lines")).isEqualTo(30_000);
  }

  @Test
  void aStoppedJobKeepsItsCheckpointAndStartResumesFromThere() throws Exception {
    Path file = FileStatsClient.linesFile(dataDir, 32L * 16384); // 32 MiB
    String job = api.createJob(api.uploaded(file));
    api.awaitJob(job, j -> j.getJsonObject("task").getJsonObject("checkpoint") != null
        && j.getJsonObject("task").getJsonObject("checkpoint").getLong("offset") >= (4L << 20), Duration.ofSeconds(30));

    HttpResponse<Buffer> stopped = api.action(job, "stop");
    assertThat(stopped.statusCode()).as(stopped.bodyAsString()).isEqualTo(200);
    assertThat(stopped.bodyAsJsonObject().getString("state")).isEqualTo("STOPPED");
    long stoppedAt = api.job(job).getJsonObject("task").getJsonObject("checkpoint").getLong("offset");
    assertThat(stoppedAt).isBetween(4L << 20, (32L << 20) - 1);
    Thread.sleep(500);
    JsonObject still = api.job(job);
    assertThat(taskState(still)).isEqualTo("STOPPED");
    assertThat(still.getJsonObject("task").getJsonObject("checkpoint").getLong("offset")).as("no work after the stop").isEqualTo(stoppedAt);
    assertThat(api.action(job, "stop").statusCode()).as("a stopped job cannot be stopped again").isEqualTo(409);

    assertThat(api.action(job, "start").statusCode()).isEqualTo(200);
    JsonObject done = api.awaitJob(job, j -> "DONE".equals(taskState(j)), Duration.ofSeconds(30));
    JsonObject result = done.getJsonObject("task").getJsonObject("result");
    assertThat(result.getLong("lines")).isEqualTo(32L * 16384);
    assertThat(result.getJsonArray("runs")).as("the second run started at the checkpoint, not at 0")
        .isEqualTo(new JsonArray().add(0L).add(stoppedAt));
    assertThat(api.action(job, "start").statusCode()).as("a finished job cannot be started").isEqualTo(409);
    assertThat(api.action(job, "stop").statusCode()).as("nor stopped").isEqualTo(409);
  }

  @Test
  void aFileSentAsAFormPartIsStoredLikeAStreamedOne() throws Exception {
    Path file = FileStatsClient.linesFile(dataDir, 5_000);
    HttpResponse<Buffer> form = api.uploadForm(file);
    assertThat(form.statusCode()).as(form.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> streamed = api.upload(file);
    assertThat(form.bodyAsJsonObject().getString("fileId")).as("the same bytes, the same blob").isEqualTo(streamed.bodyAsJsonObject().getString("fileId"));
    assertThat(form.bodyAsJsonObject().getLong("size")).isEqualTo(Files.size(file));
    HttpResponse<Buffer> noFile = api.uploadForm(io.vertx.ext.web.multipart.MultipartForm.create().attribute("note", "no file here"));
    assertThat(noFile.statusCode()).isEqualTo(400);
    assertThat(noFile.bodyAsJsonObject().getString("error")).contains("'file'");
  }

  @Test
  void deletingARunningJobCancelsItsTaskAndRemovesIt() throws Exception {
    String job = api.createJob(api.uploaded(FileStatsClient.linesFile(dataDir, 32L * 16384)));
    api.awaitJob(job, j -> "RUNNING".equals(taskState(j)), Duration.ofSeconds(30));
    String task = api.job(job).getString("taskId");
    assertThat(api.delete(job).statusCode()).isEqualTo(200);
    assertThat(api.get("/filestats/v1/jobs/" + job).statusCode()).isEqualTo(404);
    assertThat(api.get("/filestats/v1/jobs").bodyAsJsonObject().getJsonArray("jobs").stream()
        .map(j -> ((JsonObject) j).getString("taskId"))).doesNotContain(task);
  }

  @Test
  void anUploadOverTheLimitIsRefusedAndNothingOfItIsKept() throws Exception {
    Path big = FileStatsClient.linesFile(dataDir, (UPLOAD_LIMIT / 64) + 1);
    Set<Path> blobsBefore = blobFiles();
    HttpResponse<Buffer> refused = api.upload(big);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains(Long.toString(UPLOAD_LIMIT));
    // other tests' tasks may store results meanwhile: what must not appear is any part of this upload
    byte[] upload = Files.readAllBytes(big);
    Set<Path> added = blobFiles();
    added.removeAll(blobsBefore);
    for (Path file : added) {
      byte[] kept = Files.readAllBytes(file);
      assertThat(kept.length > 0 && Arrays.equals(kept, 0, kept.length, upload, 0, Math.min(kept.length, upload.length)))
          .as("%s holds part of the refused upload", file).isFalse();
    }
  }

  @Test
  void badRequestsGetClearErrors() {
    assertThat(api.create(new JsonObject()).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> unknown = api.create(new JsonObject().put("fileId", "00/00/" + "0".repeat(64)));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("error")).startsWith("no file");
    assertThat(api.get("/filestats/v1/jobs/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    assertThat(new FileStatsClient(vertx, node.httpPort(), "not-a-token").get("/filestats/v1/jobs").statusCode()).isEqualTo(401);
  }

  @Test
  void thePluginsContractChecksEveryRequestBeforeThePluginSeesIt() {
    HttpResponse<Buffer> wrongType = api.create(new JsonObject().put("fileId", 5));
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.bodyAsJsonObject().getString("error")).as("in the plugin's own error shape").isNotBlank();
    assertThat(api.create(new JsonObject().put("fileId", "00/00/" + "0".repeat(64)).put("surprise", 1)).statusCode()).isEqualTo(400);
    assertThat(api.create(new JsonObject().put("fileId", "00/00/" + "0".repeat(64)).put("vip", 101)).statusCode()).isEqualTo(400);
    assertThat(api.get("/filestats/v1/jobs/not-a-uuid").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> undescribed = api.get("/filestats/v1/secrets");
    assertThat(undescribed.statusCode()).isEqualTo(404);
    assertThat(undescribed.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void thePluginOwnsASchemaOfItsOwnAndCannotReachTheCoreTables() throws Exception {
    DatabaseUrl admin = node.databaseUrl();
    String password;
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT password FROM plugin_role WHERE plugin_id = 'filestats'")) {
      assertThat(rows.next()).isTrue();
      password = rows.getString(1);
    }
    try (Connection plugin = DriverManager.getConnection(admin.jdbcUrl(), "aips_plugin_filestats", password);
         Statement statement = plugin.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM plugin_filestats.job")) {
        assertThat(rows.next()).isTrue();
      }
      try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM plugin_filestats.flyway_schema_history")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("1");
      }
      assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM public.task"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM public.task_queue"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> statement.execute("CREATE TABLE public.intruder (x int)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }
  }

  @Test
  void everyServedContractIsListedAtOneUrl() {
    JsonArray contracts = api.get("/api/openapi").bodyAsJsonObject().getJsonArray("contracts");
    assertThat(contracts.stream().map(c -> ((JsonObject) c).getString("name"))).contains("aips", "filestats");
    HttpResponse<Buffer> plugin = api.get("/api/openapi/plugins/filestats.yaml");
    assertThat(plugin.statusCode()).isEqualTo(200);
    assertThat(plugin.bodyAsString()).contains("operationId: createJob");
  }

  private static JsonObject awaitListed(String job, String state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonObject listed = api.get("/filestats/v1/jobs").bodyAsJsonObject().getJsonArray("jobs").stream()
          .map(JsonObject.class::cast).filter(j -> j.getString("id").equals(job)).findFirst().orElseThrow();
      if (state.equals(listed.getString("state")) || System.nanoTime() > deadline) {
        assertThat(listed.getString("state")).isEqualTo(state);
        return listed;
      }
      org.aips.server.support.ApiClient.sleep(50);
    }
  }

  private static Set<Path> blobFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).collect(Collectors.toCollection(HashSet::new));
    }
  }
}
