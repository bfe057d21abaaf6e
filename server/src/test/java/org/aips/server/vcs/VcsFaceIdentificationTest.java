package org.aips.server.vcs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.faceingest.FaceIngestClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.aips.spi.services.FaceGroupsClient;
import org.aips.spi.services.ServiceException;
import org.aips.spi.services.ServiceFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The video service identifies its face events against a face-ingest group, through the face groups
 * service on the event bus: faces enrolled from a first run's thumbnails are recognised in a second
 * run (tag and similarity in the event and in the CSV export), a face not enrolled is not; a group
 * that does not exist or a faceGroup without the face model is refused at create, and the service
 * itself answers typed failures.
 */
class VcsFaceIdentificationTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static VcsClient vcs;
  private static FaceIngestClient faceIngest;
  private static JsonObject clip;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = TestNode.newDataDir("vcs-identify");
    Path clipFile = VcsClips.panning(dataDir, 1, 4);
    node = TestNode.start(TestNode.config(dataDir, VcsNodes.allRoles(new JsonObject().put("launchCheckMillis", 200))));
    vertx = Vertx.vertx();
    String token = Tokens.valid("sps");
    vcs = new VcsClient(vertx, node.httpPort(), token);
    faceIngest = new FaceIngestClient(vertx, node.httpPort(), token);
    clip = vcs.uploaded(clipFile);
  }

  @AfterAll
  static void stop() {
    vcs.close();
    faceIngest.close();
    node.close().await();
    vertx.close().await();
  }

  @Test
  void facesEnrolledFromAFirstRunAreIdentifiedInASecondAndOthersAreNot() throws Exception {
    List<JsonObject> first = faceEvents(finished(VcsClient.task("first", 0, clip, List.of("face"))));
    // face-api's sample 1 has three women in view: enrol all but the last face found
    assertThat(first).as("%s", first).hasSizeBetween(2, 4);
    List<JsonObject> enrolled = first.subList(0, first.size() - 1);
    String csv = "uri,tag,description\n" + enrolled.stream().map(event -> FaceIngestClient.dataUri(thumbnail(event), "image/jpeg")
        + ",track-" + event.getString("trackId") + ",from the first run").collect(Collectors.joining("\n")) + "\n";
    String ingestion = faceIngest.created(Map.of("group_name", "staff", "thread_num", "2"), csv);
    faceIngest.ok(ingestion, "start");
    JsonObject detail = faceIngest.awaitState(ingestion, 4, Duration.ofSeconds(120));
    assertThat(detail.getInteger("handled_num")).isEqualTo(enrolled.size());
    assertThat(faceIngest.get("/v1/tasks/" + ingestion + "/log").bodyAsJsonObject().getJsonArray("logs")).as("every thumbnail enrolled").isEmpty();

    String second = finished(VcsClient.task("second", 0, clip, List.of("face")).put("faceGroup", "staff").put("faceThreshold", 0.9));
    assertThat(vcs.status(second).getString("faceGroup")).isEqualTo("staff");
    List<JsonObject> identified = faceEvents(second);
    // the tracker is deterministic: the second run finds the same tracks, with the same thumbnails
    assertThat(identified.stream().map(e -> e.getString("trackId")).toList()).isEqualTo(first.stream().map(e -> e.getString("trackId")).toList());
    for (JsonObject event : identified) {
      JsonObject identity = event.getJsonObject("identity");
      if (enrolled.stream().anyMatch(e -> e.getString("trackId").equals(event.getString("trackId")))) {
        assertThat(identity).as("enrolled track %s", event.getString("trackId")).isNotNull();
        assertThat(identity.getString("tag")).isEqualTo("track-" + event.getString("trackId"));
        assertThat(identity.getString("description")).isEqualTo("from the first run");
        assertThat(identity.getDouble("similarity")).isGreaterThan(0.99);
      } else {
        assertThat(identity).as("the face not enrolled matches nobody at 0.9: %s", identity).isNull();
      }
    }
    List<String> csvLines = vcs.get("/vcs/console/task/exportComputeTaskResults?taskId=" + second + "&format=csv").bodyAsString().lines().toList();
    assertThat(csvLines.get(0)).endsWith(",identityTag,similarity");
    assertThat(csvLines.stream().filter(line -> line.contains(",\"track-")).count()).isEqualTo(enrolled.size());
  }

  @Test
  void aFaceGroupMustExistAndNeedsTheFaceModel() {
    JsonObject unknown = vcs.call("createComputeTask", VcsClient.task("unknown group", 0, clip, List.of("face")).put("faceGroup", "nobody"));
    assertThat(unknown.getString("Code")).as("%s", unknown).isEqualTo("2004");
    assertThat(unknown.getString("Message")).contains("nobody");

    JsonObject noFaceModel = vcs.call("createComputeTask", VcsClient.task("bodies", 0, clip, List.of("body")).put("faceGroup", "staff"));
    assertThat(noFaceModel.getString("Code")).as("%s", noFaceModel).isEqualTo("1001");
    assertThat(noFaceModel.getString("Message")).contains("face model");

    JsonObject thresholdAlone = vcs.call("createComputeTask", VcsClient.task("threshold", 0, clip, List.of("face")).put("faceThreshold", 0.7));
    assertThat(thresholdAlone.getString("Code")).as("%s", thresholdAlone).isEqualTo("1001");
  }

  @Test
  void theFaceGroupsServiceRefusesWhatItCannotAnswer() {
    FaceGroupsClient groups = FaceGroupsClient.create(node.vertx().eventBus());
    assertThat(failure(groups.checkGroup("nobody"))).isEqualTo(ServiceFailure.NOT_FOUND);
    assertThat(failure(groups.identify("nobody", List.of(new float[1024]), 0.5))).as("a zero descriptor").isEqualTo(ServiceFailure.BAD_REQUEST);
    assertThat(failure(groups.identify("nobody", List.of(new float[] {1, 2, 3}), 0.5))).isEqualTo(ServiceFailure.BAD_REQUEST);
  }

  private static ServiceFailure failure(Future<?> call) {
    Throwable cause = call.map(v -> (Throwable) null).otherwise(e -> e).await();
    assertThat(cause).isInstanceOf(ServiceException.class);
    return ((ServiceException) cause).failure();
  }

  private static String finished(JsonObject task) throws InterruptedException {
    String id = vcs.create(task);
    vcs.ok("startComputeTask", new JsonObject().put("taskId", id));
    JsonObject done = vcs.await(id, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofSeconds(180));
    assertThat(done.getString("taskStatus")).as("%s", done).isEqualTo("FINISHED");
    return id;
  }

  private static List<JsonObject> faceEvents(String taskId) {
    JsonArray results = vcs.results(taskId, new JsonObject().put("models", new JsonArray().add("face")).put("pageSize", 100)).getJsonArray("results");
    return results.stream().map(JsonObject.class::cast).sorted((a, b) -> a.getString("trackId").compareTo(b.getString("trackId"))).toList();
  }

  private static byte[] thumbnail(JsonObject event) {
    HttpResponse<Buffer> response = vcs.get(event.getString("thumbnailUrl"));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body().getBytes();
  }
}
