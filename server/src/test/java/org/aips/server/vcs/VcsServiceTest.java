package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.aips.server.video.VideoFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The video compute service (plugins/vcs) loaded from its jar, end to end on one node with every
 * role: the seed's routes and their errors, uploads probed, a self-encoded clip analysed into
 * events with thumbnails and face descriptors, and stop/start resuming without duplicates.
 */
class VcsServiceTest {

  private static Path dataDir;
  private static AipsServer node;
  private static Vertx vertx;
  private static VcsClient api;
  private static JsonObject clip;
  private static Path clipFile;

  @BeforeAll
  static void start() throws Exception {
    dataDir = TestNode.newDataDir("vcs");
    clipFile = VcsClips.panning(dataDir, 1, 4);
    // the server decodes with its own copy of FFmpeg first: the plugin's copy must load beside it in this JVM
    try (VideoFrames frames = new VideoFrames(clipFile, 10_000_000)) {
      assertThat(frames.sample(10, 2)).hasSize(2);
    }
    // scheduled tasks checked every 20 ms: a start races the check for half-started tasks, and must still launch each device once
    JsonObject vcs = new JsonObject().put("checkpointEverySamples", 3).put("launchCheckMillis", 20);
    node = TestNode.start(TestNode.config(dataDir, VcsNodes.allRoles(vcs)));
    vertx = Vertx.vertx();
    api = new VcsClient(vertx, node.httpPort(), Tokens.valid("sps"));
    clip = api.uploaded(clipFile);
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  @Test
  void anUploadIsProbedAndAnsweredWithAVideoId() {
    assertThat(clip.getString("videoId")).matches("[a-z0-9]{16}");
    assertThat(clip.getLong("durationMs")).isBetween(3_900L, 4_100L);
    assertThat(clip.getString("codec")).isEqualTo("mpeg4");
    assertThat(clip.getInteger("width")).isEqualTo(VcsClips.WIDTH);
    assertThat(clip.getDouble("frameRate")).isEqualTo(10.0);
  }

  @Test
  void aTaskFindsThePeopleAndFacesOfAClipAsOneEventPerTrack() throws Exception {
    String task = api.create(VcsClient.task("people", 0, clip, List.of("body", "face")));
    assertThat(api.status(task).getString("taskStatus")).isEqualTo("CREATED");
    api.ok("startComputeTask", new JsonObject().put("taskId", task));
    JsonObject done = api.await(task, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofSeconds(180));
    assertThat(done.getString("taskStatus")).as("%s", done).isEqualTo("FINISHED");
    assertThat(done.getDouble("progress")).isEqualTo(1.0);
    // 4 s of a 10 frames/s clip sampled at the default 5 frames/s
    assertThat(done.getJsonArray("devices").getJsonObject(0).getLong("framesTotal")).isEqualTo(20);
    assertThat(done.getJsonArray("devices").getJsonObject(0).getLong("framesDone")).isEqualTo(20);
    assertThat(launchedDevices(task)).as("AIPS tasks submitted for the devices").containsExactly("camera-1");

    JsonObject results = api.results(task, new JsonObject().put("pageSize", 100).put("withDescriptor", true));
    JsonArray events = results.getJsonArray("results");
    List<JsonObject> bodies = events.stream().map(JsonObject.class::cast).filter(e -> "body".equals(e.getString("model"))).toList();
    List<JsonObject> faces = events.stream().map(JsonObject.class::cast).filter(e -> "face".equals(e.getString("model"))).toList();
    // face-api's sample 1: three women close up, faces in view, bodies cut by the frame (CenterNet is sure of one);
    // a 4 s pan keeps each one track, not one per sampled frame
    assertThat(faces).as("%s", events).hasSizeBetween(2, 4);
    assertThat(bodies).as("%s", events).hasSizeBetween(1, 4);
    for (JsonObject event : bodies) {
      assertThat(event.getLong("startTime")).isBetween(VcsClient.VIDEO_BEGIN, VcsClient.VIDEO_BEGIN + 4_000);
      assertThat(event.getLong("endTime")).isBetween(event.getLong("startTime"), VcsClient.VIDEO_BEGIN + 4_000);
      assertThat(event.getLong("bestTime")).isBetween(event.getLong("startTime"), event.getLong("endTime"));
      assertThat(event.getInteger("frames")).isGreaterThanOrEqualTo(3);
      HttpResponse<Buffer> thumbnail = api.get(event.getString("thumbnailUrl"));
      assertThat(thumbnail.statusCode()).isEqualTo(200);
      assertThat(thumbnail.getHeader("content-type")).isEqualTo("image/jpeg");
      assertThat(thumbnail.body().getByte(0) & 0xff).isEqualTo(0xFF);
      assertThat(thumbnail.body().getByte(1) & 0xff).isEqualTo(0xD8);
    }
    assertThat(faces.get(0).getJsonArray("descriptor")).hasSize(1024);

    JsonObject onlyFaces = api.results(task, new JsonObject().put("models", new JsonArray().add("face")));
    assertThat(onlyFaces.getLong("total")).isEqualTo(faces.size());
    JsonObject none = api.results(task, new JsonObject().put("startTime", VcsClient.VIDEO_BEGIN + 60_000));
    assertThat(none.getLong("total")).isZero();
    HttpResponse<Buffer> csv = api.get("/vcs/console/task/exportComputeTaskResults?taskId=" + task + "&format=csv");
    assertThat(csv.bodyAsString().lines()).hasSize(events.size() + 1);

    JsonObject again = api.call("startComputeTask", new JsonObject().put("taskId", task));
    assertThat(again.getString("Code")).as("a finished task does not start again").isEqualTo("2003");
  }

  @Test
  void stopKeepsWhatWasDoneAndStartContinuesWithNoEventTwiceOrMissing() throws Exception {
    Path longer = VcsClips.panning(dataDir, 2, 12);
    JsonObject video = api.uploaded(longer);
    String straight = api.create(VcsClient.task("straight", 0, video, List.of("body")));
    api.ok("startComputeTask", new JsonObject().put("taskId", straight));

    String interrupted = api.create(VcsClient.task("interrupted", 0, video, List.of("body")));
    api.ok("startComputeTask", new JsonObject().put("taskId", interrupted));
    api.await(interrupted, t -> t.getDouble("progress") > 0.1, Duration.ofSeconds(180));
    api.ok("stopComputeTask", new JsonObject().put("taskId", interrupted));
    JsonObject stopped = api.status(interrupted);
    assertThat(stopped.getString("taskStatus")).isEqualTo("STOPPED");
    double progressAtStop = stopped.getDouble("progress");
    assertThat(progressAtStop).isLessThan(1.0);
    JsonObject device = stopped.getJsonArray("devices").getJsonObject(0);
    assertThat(device.getLong("framesTotal")).isEqualTo(60);
    assertThat(device.getLong("framesDone")).isBetween(1L, 59L);
    assertThat(api.call("stopComputeTask", new JsonObject().put("taskId", interrupted)).getString("Code")).isEqualTo("2003");

    api.ok("startComputeTask", new JsonObject().put("taskId", interrupted));
    api.await(interrupted, t -> "FINISHED".equals(t.getString("taskStatus")), Duration.ofSeconds(180));
    api.await(straight, t -> "FINISHED".equals(t.getString("taskStatus")), Duration.ofSeconds(180));
    assertThat(tracks(interrupted)).as("the same events as a run never stopped").isEqualTo(tracks(straight)).isNotEmpty();
    assertThat(launchedDevices(interrupted)).as("started again, not submitted again").containsExactly("camera-1");
  }

  /** The device of each AIPS task ever submitted for a compute task (a device launched twice shows twice). */
  private static List<String> launchedDevices(String computeTaskId) throws SQLException {
    DatabaseUrl url = node.databaseUrl();
    try (Connection db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         PreparedStatement query = db.prepareStatement(
             "SELECT params->>'deviceId' FROM task WHERE task_type = 'VcsDeviceAnalysis' AND params->>'computeTaskId' = ?")) {
      query.setString(1, computeTaskId);
      List<String> devices = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          devices.add(rows.getString(1));
        }
      }
      return devices;
    }
  }

  @Test
  void eachSeedRouteAnswersItsErrorsInTheEnvelope() throws Exception {
    JsonObject unknown = new JsonObject().put("taskId", "0123456789abcdef0123456789abcdef");
    assertThat(api.call("startComputeTask", unknown).getString("Code")).isEqualTo("2001");
    assertThat(api.call("stopComputeTask", unknown).getString("Code")).isEqualTo("2001");
    JsonObject query = api.call("getComputeTasks", new JsonObject().put("taskIds", new JsonArray().add(unknown.getString("taskId"))));
    assertThat(query.getString("Code")).isEqualTo("2001");
    assertThat(query.getString("Message")).contains(unknown.getString("taskId"));

    JsonObject badModels = api.call("createComputeTask", VcsClient.task("x", 0, clip, List.of("face", "cat")));
    assertThat(badModels.getString("Code")).isEqualTo("1001");
    assertThat(badModels.getString("Message")).contains("cat").contains("no_motor");

    JsonObject missing = api.call("createComputeTask", VcsClient.task("x", 0, clip.copy().put("videoId", "nosuchvideo00000"), List.of("body")));
    assertThat(missing.getString("Code")).isEqualTo("3001");

    JsonObject wrongLength = VcsClient.task("x", 0, clip, List.of("body"));
    wrongLength.getJsonObject("datasources").getJsonArray("devices").getJsonObject(0).put("videoTimeLength", 600);
    assertThat(api.call("createComputeTask", wrongLength).getString("Code")).isEqualTo("3004");

    String task = api.create(VcsClient.task("named", 0, clip, List.of("body")));
    JsonObject renamed = VcsClient.task("renamed", 0, clip, List.of("body")).put("taskId", task);
    assertThat(api.call("modifyComputeTask", renamed).getString("Code")).isEqualTo("2002");
    JsonObject byName = VcsClient.task("named", 0, clip, List.of("body", "face")).put("description", "changed");
    assertThat(((JsonObject) api.ok("modifyComputeTask", byName)).getString("taskId")).as("the seed names the task by name").isEqualTo(task);

    JsonObject notAVideo = new JsonObject(api.upload(Files.writeString(dataDir.resolve("notes.avi"), "{\"shapes\": []}\n".repeat(500))).bodyAsString());
    assertThat(notAVideo.getString("Code")).as("%s", notAVideo).isEqualTo("3002");
    JsonObject cut = new JsonObject(api.upload(VcsClips.truncated(clipFile, Files.size(clipFile) / 2)).bodyAsString());
    assertThat(cut.getString("Code")).as("%s", cut).isEqualTo("3003");
    assertThat(cut.getString("Message")).contains("cut short");
  }

  @Test
  void aStartBeforeExecStartTimeWaitsForIt() throws Exception {
    long in3s = System.currentTimeMillis() + 3_000;
    String task = api.create(VcsClient.task("later", in3s, clip, List.of("body")));
    api.ok("startComputeTask", new JsonObject().put("taskId", task));
    JsonObject waiting = api.status(task);
    assertThat(waiting.getString("taskStatus")).isEqualTo("WAITING");
    assertThat(waiting.getJsonArray("devices").getJsonObject(0).getString("state")).as("nothing runs before execStartTime").isEqualTo("NOT_STARTED");
    JsonObject running = api.await(task, t -> !"WAITING".equals(t.getString("taskStatus")), Duration.ofSeconds(30));
    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(in3s);
    assertThat(running.getString("taskStatus")).isIn("ONLINED", "FINISHED");

    String stopped = api.create(VcsClient.task("later-stopped", System.currentTimeMillis() + 60_000, clip, List.of("body")));
    api.ok("startComputeTask", new JsonObject().put("taskId", stopped));
    api.ok("stopComputeTask", new JsonObject().put("taskId", stopped));
    assertThat(api.status(stopped).getString("taskStatus")).isEqualTo("STOPPED");
  }

  private static List<String> tracks(String task) {
    return tracks(api, task);
  }

  /** A task's events in a form two runs over the same video can be compared by. */
  static List<String> tracks(VcsClient api, String task) {
    return api.results(task, new JsonObject().put("pageSize", 500)).getJsonArray("results").stream().map(JsonObject.class::cast)
        .map(e -> e.getString("model") + " " + e.getLong("startTime") + "-" + e.getLong("endTime") + " best " + e.getLong("bestTime"))
        .sorted().toList();
  }
}
