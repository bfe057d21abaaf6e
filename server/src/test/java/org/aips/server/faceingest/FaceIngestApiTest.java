package org.aips.server.faceingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's API end to end on a node without the inference role: the faces service does not
 * answer, so every image row is logged 301 after one retry (which also makes rows slow enough to
 * stop a task midway). Bad requests, the lifecycle, mode 1, the log and its download.
 */
class FaceIngestApiTest {

  static final JsonObject PLUGIN = new JsonObject().put("faceRetries", 1).put("faceRetryDelayMs", 150)
      .put("maxCsvBytes", 64 * 1024).put("checkpointRows", 5);
  private static AipsServer node;
  private static Vertx vertx;
  private static FaceIngestClient api;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("faceingest"), overrides(PLUGIN)));
    vertx = Vertx.vertx();
    api = new FaceIngestClient(vertx, node.httpPort(), Tokens.valid("faceingest"));
  }

  static JsonObject overrides(JsonObject plugin) {
    return new JsonObject().put("plugins", new JsonObject().put("config", new JsonObject().put("faceingest", plugin)));
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  /** Rows that reach the faces service (which is absent here): each takes one retry delay, then is logged 301. */
  static String imageRows(int rows) {
    return "uri,tag,description\n" + IntStream.range(0, rows)
        .mapToObj(i -> FaceIngestClient.dataUri(("image " + i).getBytes(), "image/jpeg") + ",person" + i + ",row " + i)
        .collect(Collectors.joining("\n")) + "\n";
  }

  @Test
  void aCreatedTaskWaitsForStartThenHandlesEveryRowAndLogsEachFailureWithItsCode() {
    String csv = "uri,tag,description\r\n"
        + "http://127.0.0.1:9/a.jpg,loopback,refused by the address policy\r\n"
        + "ftp://example.com/b.jpg,ftp,unsupported scheme\r\n"
        + "\"" + FaceIngestClient.dataUri(new byte[100], "image/png") + "\",nobody,\"the faces service, absent\"\r\n"
        + ",no uri,malformed\r\n";
    String id = api.created(Map.of("group_name", "lifecycle"), csv);
    JsonObject created = api.detail(id);
    assertThat(created.getInteger("state")).isEqualTo(1);
    assertThat(created.getInteger("total_num")).isEqualTo(4);
    assertThat(created.getInteger("handled_num")).isZero();
    assertThat(created.getJsonObject("config")).isEqualTo(new JsonObject().put("pos_pitch", 0).put("pos_yaw", 0).put("pos_rol", 0)
        .put("width", 0).put("height", 0).put("blur_degree", 0).put("mode", 0).put("thread_num", 10));
    assertThat(api.action(id, "stop").statusCode()).as("a created task is not running").isEqualTo(409);

    api.ok(id, "start");
    JsonObject done = api.awaitState(id, 4, Duration.ofSeconds(30));
    assertThat(done.getInteger("handled_num")).isEqualTo(4);
    JsonArray logs = api.action(id, "log").bodyAsJsonObject().getJsonArray("logs");
    assertThat(logs.stream().map(l -> ((JsonObject) l).getInteger("code"))).containsExactly(101, 101, 301, 101);
    assertThat(logs.getJsonObject(0).getString("message")).contains("refused: 127.0.0.1");
    assertThat(logs.getJsonObject(1).getString("message")).contains("unsupported URI scheme");
    assertThat(logs.getJsonObject(2).getString("message")).contains("face information service");
    assertThat(logs.getJsonObject(3).getString("message")).contains("line 5: no URI");
    assertThat(logs.getJsonObject(2).getString("uri")).as("data: URIs are kept short").startsWith("data:image/png;base64,").endsWith("characters)");

    HttpResponse<Buffer> download = api.action(id, "download_log");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("content-type")).isEqualTo("application/octet-stream");
    String[] lines = download.bodyAsString().split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("http://127.0.0.1:9/a.jpg,101,");

    assertThat(api.action(id, "start").statusCode()).as("a finished task cannot start").isEqualTo(409);
    assertThat(api.action(id, "start").bodyAsJsonObject().getString("code")).isEqualTo("TASK_STATE");
    assertThat(api.action(id, "stop").statusCode()).isEqualTo(409);
  }

  @Test
  void aStoppedTaskResumesFromWhereItStoppedAndHandlesEveryRowOnce() {
    String id = api.created(Map.of("group_name", "resume", "thread_num", "2"), imageRows(40));
    api.ok(id, "start");
    api.awaitDetail(id, d -> d.getInteger("handled_num") >= 6, Duration.ofSeconds(30));
    api.ok(id, "stop");
    JsonObject stopped = api.detail(id);
    assertThat(stopped.getInteger("state")).isEqualTo(3);
    assertThat(api.action(id, "stop").statusCode()).as("a stopped task cannot stop again").isEqualTo(409);
    sleep(800);
    int handledAtStop = api.detail(id).getInteger("handled_num");
    assertThat(handledAtStop).as("at most the rows in flight finish after the stop").isLessThanOrEqualTo(stopped.getInteger("handled_num") + 2);
    sleep(600);
    assertThat(api.detail(id).getInteger("handled_num")).as("nothing moves while stopped").isEqualTo(handledAtStop);

    api.ok(id, "start");
    JsonObject done = api.awaitState(id, 4, Duration.ofSeconds(60));
    assertThat(done.getInteger("handled_num")).isEqualTo(40);
    JsonArray logs = api.action(id, "log").bodyAsJsonObject().getJsonArray("logs");
    assertThat(logs).as("every row logged exactly once").hasSize(40);
    assertThat(logs.stream().map(l -> ((JsonObject) l).getString("message")).distinct().count()).isEqualTo(1);
  }

  @Test
  void modeOneStopsAtTheFirstErrorWithLastErrorAndStartGoesOnAfterIt() {
    String csv = "http://127.0.0.1:9/first.jpg,a,b\n" + imageRows(30).lines().skip(1).collect(Collectors.joining("\n"));
    String id = api.created(Map.of("group_name", "mode1", "mode", "1", "thread_num", "3"), csv);
    api.ok(id, "start");
    JsonObject stopped = api.awaitState(id, 3, Duration.ofSeconds(30));
    assertThat(stopped.getString("last_error")).startsWith("http://127.0.0.1:9/first.jpg: 101 ");
    assertThat(stopped.getInteger("handled_num")).as("stops within thread_num rows of the error").isBetween(1, 3);

    api.ok(id, "start");
    JsonObject again = api.awaitState(id, 3, Duration.ofSeconds(30));
    assertThat(again.getString("last_error")).as("the next bad row stops it again").contains(": 301 ");
    assertThat(again.getInteger("handled_num")).isGreaterThan(stopped.getInteger("handled_num"));
  }

  @Test
  void deletingARunningTaskStopsItAndRemovesItForGood() {
    String id = api.created(Map.of("group_name", "deleted", "thread_num", "1"), imageRows(30));
    api.ok(id, "start");
    api.awaitDetail(id, d -> d.getInteger("handled_num") >= 2, Duration.ofSeconds(30));
    api.ok(id, "delete");
    assertThat(api.action(id, "detail").statusCode()).isEqualTo(404);
    assertThat(api.action(id, "start").statusCode()).as("cannot be started again").isEqualTo(404);
    assertThat(api.action(id, "delete").statusCode()).isEqualTo(404);
    assertThat(api.list(new JsonObject().put("group_name", "deleted")).bodyAsJsonObject().getJsonArray("ids")).isEmpty();
  }

  @Test
  void listAnswersTheGroupsTaskIdsAllOrInOneState() {
    String first = api.created(Map.of("group_name", "listed"), imageRows(1));
    String second = api.created(Map.of("group_name", "listed"), imageRows(1));
    api.created(Map.of("group_name", "other"), imageRows(1));
    api.ok(second, "start");
    api.awaitState(second, 4, Duration.ofSeconds(30));
    assertThat(ids(new JsonObject().put("group_name", "listed"))).containsExactly(first, second);
    assertThat(ids(new JsonObject().put("group_name", "listed").put("status", 0))).containsExactly(first, second);
    assertThat(ids(new JsonObject().put("group_name", "listed").put("status", 1))).containsExactly(first);
    assertThat(ids(new JsonObject().put("group_name", "listed").put("status", "4"))).containsExactly(second);
    assertThat(ids(new JsonObject().put("group_name", "listed").put("status", ""))).containsExactly(first, second);
    assertThat(ids(new JsonObject().put("group_name", "nobody"))).isEmpty();
  }

  @Test
  void badRequestsOfEveryKindGetAClearError() {
    String csv = imageRows(1);
    assertBad(api.create(Map.of(), csv), 400, "group_name is required");
    assertBad(api.create(Map.of("group_name", "g", "pos_pitch", "steep"), csv), 400, "pos_pitch must be an integer");
    assertBad(api.create(Map.of("group_name", "g", "width", "-1"), csv), 400, "width must be within 0..100000");
    assertBad(api.create(Map.of("group_name", "g", "thread_num", "0"), csv), 400, "thread_num must be within 1..64");
    assertBad(api.create(Map.of("group_name", "g", "thread_num", "65"), csv), 400, "thread_num must be within 1..64");
    assertBad(api.create(Map.of("group_name", "g", "mode", "2"), csv), 400, "mode must be within 0..1");
    assertBad(api.create(Map.of("group_name", "g", "blur_degree", "101"), csv), 400, "blur_degree must be within 0..100");
    assertBad(api.create(Map.of("group_name", "a/b"), csv), 400, "group_name must be");
    assertBad(api.create(Map.of("group_name", "g"), (String) null), 400, "file is required");
    assertBad(api.create(Map.of("group_name", "g"), ""), 400, "the CSV file is empty");
    assertBad(api.create(Map.of("group_name", "g"), "uri,tag,description\n\n"), 400, "has no rows");
    assertBad(api.create(Map.of("group_name", "g"), "\"unclosed,quote\n"), 400, "not a usable CSV: line 1");
    assertBad(api.create(Map.of("group_name", "g"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1}),
        400, "not UTF-8");
    assertBad(api.create(Map.of("group_name", "g"), "x".repeat(64 * 1024 + 1)), 413, "the limit is 65536");

    assertBad(api.list(new JsonObject()), 400, "required property \"group_name\"");
    assertBad(api.list(new JsonObject().put("group_name", "g").put("status", 7)), 400, "status must be 0 (all) or a state 1-4");
    assertBad(api.list(new JsonObject().put("group_name", "g").put("status", "done")), 400, "status must be");
    assertBad(api.action("NoSuchTask1", "detail"), 404, "no task NoSuchTask1");
    assertBad(api.action("NoSuchTask1", "stop"), 404, "no task");
    assertThat(api.action("bad-id!", "detail").statusCode()).as("the contract's id pattern").isEqualTo(400);
    assertThat(api.get("/v1/tasks/x/undescribed").statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/tasks/x/undescribed").bodyAsJsonObject().getString("code")).as("in the service's error shape").isNotBlank();
    try (FaceIngestClient anonymous = new FaceIngestClient(vertx, node.httpPort(), "not-a-token")) {
      assertThat(anonymous.action("NoSuchTask1", "detail").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theContractIsServedAndListed() {
    HttpResponse<Buffer> contract = api.get("/api/openapi/plugins/faceingest.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString()).contains("operationId: createTask");
    assertThat(api.get("/api/openapi").bodyAsJsonObject().getJsonArray("contracts").stream()
        .map(c -> ((JsonObject) c).getString("basePath"))).contains("/v1");
  }

  private static java.util.List<String> ids(JsonObject body) {
    HttpResponse<Buffer> response = api.list(body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("ids").stream().map(String.class::cast).toList();
  }

  private static void assertBad(HttpResponse<Buffer> response, int status, String message) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
    assertThat(response.bodyAsJsonObject().getString("code")).isNotBlank();
  }

  static void sleep(long millis) {
    org.aips.server.support.ApiClient.sleep(millis);
  }
}
