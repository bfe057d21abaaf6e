package org.aips.server.faceingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searchable groups end to end with the real faces service: the face-api photos ingested, listed,
 * fetched, searched (as image/jpeg, application/octet-stream and a multipart file), deleted; and a
 * group grown past exactSearchMax (50 here) with rows written straight into the table, searched
 * exactly while its HNSW index is built, then through the index, which follows deletions and new faces;
 * with duplicateSimilarity set, a near-duplicate face is logged 209.
 */
class FaceSearchTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static FaceIngestClient api;

  @BeforeAll
  static void start() {
    JsonObject plugin = new JsonObject().put("exactSearchMax", 50).put("hnswDimensions", 32).put("hnswCandidates", 100)
        .put("maxSearchImageBytes", 2 << 20).put("duplicateSimilarity", 0.99);
    JsonObject overrides = FaceIngestApiTest.overrides(plugin)
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 2));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("faceingest-search"), overrides));
    vertx = Vertx.vertx();
    api = new FaceIngestClient(vertx, node.httpPort(), Tokens.valid("faceingest-search"));
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  /** The six face-api photos into a group (the largest face of each); answers the face ids by photo number. */
  private static Map<Integer, Long> ingest(String group) {
    String csv = "uri,tag,description\n" + IntStream.rangeClosed(1, 6)
        .mapToObj(n -> FaceIngestClient.dataUri(Photos.faceApiSample(n), "image/jpeg") + ",sample" + n + ",photo " + n)
        .collect(Collectors.joining("\n")) + "\n";
    String id = api.created(Map.of("group_name", group, "thread_num", "3"), csv);
    api.ok(id, "start");
    api.awaitState(id, 4, Duration.ofSeconds(180));
    JsonArray faces = ok(api.get("/v1/groups/" + FaceIngestClient.encode(group) + "/faces")).getJsonArray("faces");
    assertThat(faces).hasSize(6);
    return faces.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(f -> Integer.parseInt(f.getString("tag").substring(6)), f -> f.getLong("face_id")));
  }

  @Test
  void facesAreListedFetchedSearchedAndDeleted() {
    String group = "search group ü";
    Map<Integer, Long> ids = ingest(group);
    String path = "/v1/groups/" + FaceIngestClient.encode(group);

    JsonArray groups = ok(api.get("/v1/groups")).getJsonArray("groups");
    assertThat(groups).contains(new JsonObject().put("group_name", group).put("face_num", 6));
    JsonObject first = ok(api.get(path + "/faces?limit=4"));
    assertThat(first.getJsonArray("faces")).hasSize(4);
    JsonObject second = ok(api.get(path + "/faces?limit=4&after=" + first.getLong("next")));
    assertThat(second.getJsonArray("faces")).hasSize(2);
    assertThat(second.getValue("next")).isNull();
    JsonObject face = ok(api.get(path + "/faces/" + ids.get(2)));
    assertThat(face.getString("tag")).isEqualTo("sample2");
    assertThat(face.getString("uri")).startsWith("data:image/jpeg;base64,");
    assertThat(face.getJsonObject("box").getDouble("width")).isPositive();
    assertThat(face.containsKey("descriptor")).isFalse();
    assertThat(ok(api.get(path + "/faces/" + ids.get(2) + "?descriptor=true")).getJsonArray("descriptor")).hasSize(1024);

    byte[] photo = Photos.faceApiSample(2);
    for (HttpResponse<Buffer> response : List.of(api.search(group, "", photo, "image/jpeg"),
        api.search(group, "?k=3", photo, "application/octet-stream"), api.searchForm(group, "?k=3", photo))) {
      JsonObject answer = ok(response);
      assertThat(answer.getString("engine")).isEqualTo("exact");
      JsonArray found = answer.getJsonArray("faces");
      assertThat(found.size()).as("every face of the group photo is a query").isGreaterThanOrEqualTo(3);
      JsonObject largest = largest(found);
      JsonObject best = largest.getJsonArray("matches").getJsonObject(0);
      assertThat(best.getLong("face_id")).isEqualTo(ids.get(2));
      assertThat(best.getDouble("similarity")).isGreaterThan(0.99);
      assertThat(best.getString("tag")).isEqualTo("sample2");
      assertThat(best.getString("description")).isEqualTo("photo 2");
    }
    JsonObject strict = ok(api.search(group, "?threshold=0.95&k=5", photo, "image/jpeg"));
    int matched = strict.getJsonArray("faces").stream().mapToInt(f -> ((JsonObject) f).getJsonArray("matches").size()).sum();
    assertThat(matched).as("only the enrolled face itself is that similar").isEqualTo(1);
    JsonObject one = ok(api.search(group, "?k=1", photo, "image/jpeg"));
    assertThat(one.getJsonArray("faces").stream().mapToInt(f -> ((JsonObject) f).getJsonArray("matches").size()).max().orElseThrow()).isEqualTo(1);

    assertThat(api.delete(path + "/faces/" + ids.get(2)).statusCode()).isEqualTo(200);
    assertThat(api.delete(path + "/faces/" + ids.get(2)).statusCode()).isEqualTo(404);
    assertThat(api.get(path + "/faces/" + ids.get(2)).statusCode()).isEqualTo(404);
    JsonObject after = ok(api.search(group, "", photo, "image/jpeg"));
    assertThat(largest(after.getJsonArray("faces")).getJsonArray("matches")).extracting(m -> ((JsonObject) m).getLong("face_id"))
        .doesNotContain(ids.get(2)).hasSize(5);
    assertThat(ok(api.get("/v1/groups")).getJsonArray("groups")).contains(new JsonObject().put("group_name", group).put("face_num", 5));
  }

  @Test
  void badSearchesAndUnknownFacesAreRefusedWithClearErrors() {
    String group = "refusals";
    ingest(group);
    byte[] photo = Photos.faceApiSample(3);
    assertThat(api.search(group, "?k=0", photo, "image/jpeg").statusCode()).isEqualTo(400);
    assertThat(api.search(group, "?k=101", photo, "image/jpeg").statusCode()).isEqualTo(400);
    assertThat(api.search(group, "?threshold=2", photo, "image/jpeg").statusCode()).isEqualTo(400);
    assertThat(api.search(group, "?threshold=high", photo, "image/jpeg").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> notImage = api.search(group, "", "not an image at all".getBytes(), "application/octet-stream");
    assertThat(notImage.statusCode()).as(notImage.bodyAsString()).isEqualTo(400);
    assertThat(notImage.bodyAsJsonObject().getString("message")).contains("cannot be opened");
    assertThat(api.search(group, "", new byte[0], "image/jpeg").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> tooLarge = api.search(group, "", new byte[3 << 20], "application/octet-stream");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("code")).isEqualTo("TOO_LARGE");
    assertThat(api.search(group, "", photo, "text/plain").statusCode()).isIn(400, 415);
    assertThat(api.search("no such group", "", photo, "image/jpeg").statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/groups/no%20such%20group/faces").statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/groups/refusals/faces/12x").statusCode()).isEqualTo(400);
    assertThat(api.get("/v1/groups/refusals/faces?limit=0").statusCode()).isEqualTo(400);
    assertThat(api.get("/v1/groups/refusals/faces/999999999").statusCode()).isEqualTo(404);
    assertThat(api.delete("/v1/groups/refusals/faces/999999999").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> noPhotoFaces = api.search(group, "", png(), "image/png");
    assertThat(ok(noPhotoFaces).getJsonArray("faces")).isEmpty();
  }

  @Test
  void aGroupPastExactSearchMaxIsSearchedThroughItsHnswIndexWhichFollowsDeletionsAndNewFaces() throws Exception {
    String group = "large";
    Map<Integer, Long> ids = ingest(group);
    byte[] photo = Photos.faceApiSample(5);
    assertThat(ok(api.search(group, "", photo, "image/jpeg")).getString("engine")).isEqualTo("exact");
    insertRandomFaces(group, 400, 5);

    // past 50 faces: searched exactly while the index is built, then through the index
    JsonObject answer = ok(api.search(group, "", photo, "image/jpeg"));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!answer.getString("engine").equals("hnsw")) {
      assertThat(answer.getString("engine")).isEqualTo("exact");
      assertThat(System.nanoTime()).as("the index is built in time").isLessThan(deadline);
      ApiClient.sleep(200);
      answer = ok(api.search(group, "", photo, "image/jpeg"));
    }
    JsonObject best = largest(answer.getJsonArray("faces")).getJsonArray("matches").getJsonObject(0);
    assertThat(best.getLong("face_id")).isEqualTo(ids.get(5));
    assertThat(best.getDouble("similarity")).isGreaterThan(0.99);

    assertThat(api.delete("/v1/groups/large/faces/" + ids.get(5)).statusCode()).isEqualTo(200);
    JsonObject afterDelete = ok(api.search(group, "", photo, "image/jpeg"));
    assertThat(afterDelete.getString("engine")).isEqualTo("hnsw");
    assertThat(largest(afterDelete.getJsonArray("faces")).getJsonArray("matches"))
        .extracting(m -> ((JsonObject) m).getLong("face_id")).doesNotContain(ids.get(5));

    // the same photo again, as a new face written after the index was built: found at once
    String csv = "uri,tag,description\n" + FaceIngestClient.dataUri(photo, "image/jpeg") + ",again,a new face\n";
    String id = api.created(Map.of("group_name", group), csv);
    api.ok(id, "start");
    api.awaitState(id, 4, Duration.ofSeconds(60));
    JsonObject again = largest(ok(api.search(group, "?k=1", photo, "image/jpeg")).getJsonArray("faces"))
        .getJsonArray("matches").getJsonObject(0);
    assertThat(again.getString("tag")).isEqualTo("again");
    assertThat(again.getDouble("similarity")).isGreaterThan(0.99);

    // duplicateSimilarity 0.99: the same face once more is a near-duplicate of the one just stored (209)
    String third = api.created(Map.of("group_name", group), "uri,tag,description\n" + FaceIngestClient.dataUri(photo, "image/jpeg") + ",third,x\n");
    api.ok(third, "start");
    api.awaitState(third, 4, Duration.ofSeconds(60));
    JsonObject logged = api.action(third, "log").bodyAsJsonObject().getJsonArray("logs").getJsonObject(0);
    assertThat(logged.getInteger("code")).isEqualTo(209);
    assertThat(logged.getString("message")).contains("face " + again.getLong("face_id"));
  }

  /** Random unit descriptors written straight into the plugin's table (as the benchmark loads its faces). */
  static void insertRandomFaces(String group, int count, long seed) throws Exception {
    DatabaseUrl db = node.databaseUrl();
    Random random = new Random(seed);
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement insert = connection.prepareStatement("INSERT INTO plugin_faceingest.face (group_name, tag, description, uri, "
             + "image_sha256, box_x, box_y, box_width, box_height, yaw, pitch, roll, blur_degree, score, descriptor) "
             + "VALUES (?, ?, '', '', ?, 0, 0, 100, 100, 0, 0, 0, 10, 0.9, ?)")) {
      for (int i = 0; i < count; i++) {
        insert.setString(1, group);
        insert.setString(2, "random" + i);
        insert.setString(3, "random-" + seed + "-" + i);
        insert.setBytes(4, unitVector(random));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static byte[] unitVector(Random random) {
    float[] v = new float[1024];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    ByteBuffer bytes = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      bytes.putFloat((float) (x / Math.sqrt(norm)));
    }
    return bytes.array();
  }

  private static JsonObject largest(JsonArray faces) {
    return faces.stream().map(JsonObject.class::cast).max(Comparator.comparingDouble(f ->
        f.getJsonObject("box").getDouble("width") * f.getJsonObject("box").getDouble("height"))).orElseThrow();
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static byte[] png() {
    try {
      java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
