package org.aips.server.style;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.Paintings;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FastStyle and DeepPaint through the public API: the style plugin is loaded from its jar, the
 * painting runs in the style service of the same node (inference role).
 */
class StyleTaskTest {

  private static final String TOKEN = Tokens.valid("painter");
  private static final byte[] CONTENT = Photos.faceApiSample(2);
  private static final byte[] STYLE = Paintings.swirls(400, 300);
  private static AipsServer node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    JsonObject overrides = new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 1));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("style"), overrides));
    api = new ApiClient(node.vertx(), node.httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
  }

  @Test
  void aFastStyleTaskReturnsAJpegOfTheContentsShapeAndReportsProgress() {
    // quality 25 (the 384 px band): a run of a second or two. Polling query-task may miss the progress
    // written in between (relayed every 0.5 s, written every 0.5 s); the task events carry every flush.
    List<JsonObject> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    var consumer = node.vertx().eventBus().<org.aips.server.lifecycle.TaskChanges>consumer(org.aips.server.bus.Addresses.TASK_EVENTS,
        m -> events.addAll(m.body().toJsonList()));
    consumer.completion().await();
    String code = api.submit(TOKEN, task("FastStyle", 25)).getString("queryCode");
    List<Double> seen = new ArrayList<>();
    JsonObject done = api.awaitQuery(TOKEN, code, t -> {
      seen.add(t.getDouble("proccessing"));
      return ended(t);
    }, Duration.ofSeconds(120));
    consumer.unregister().await();
    List<Double> progress = events.stream().filter(e -> code.equals(e.getString("queryCode")) && "progress".equals(e.getString("event")))
        .map(e -> e.getDouble("proccessing")).toList();

    assertThat(done.getString("status")).as(done.encode()).isEqualTo("done");
    assertThat(done.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(progress).as("progress while running").anyMatch(p -> p > 0 && p < 1);
    assertThat(progress).isSorted();
    assertThat(seen).as("proccessing as query-task answers it").isSorted();
    assertExpectedJpeg(api.get("/api/task-result/" + code, TOKEN), 384);
  }

  @Test
  void aDeepPaintTaskReturnsAJpegOfTheContentsShape() {
    String code = api.submit(TOKEN, task("DeepPaint", 0)).getString("queryCode");
    JsonObject done = api.awaitQuery(TOKEN, code, StyleTaskTest::ended, Duration.ofSeconds(300));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("done");
    assertExpectedJpeg(api.get("/api/task-result/" + code, TOKEN));
  }

  @Test
  void cancellingADeepPaintFreesTheStyleServiceForTheNextTask() {
    String deep = api.submit(TOKEN, task("DeepPaint", 100)).getString("queryCode");
    api.awaitQuery(TOKEN, deep, t -> t.getDouble("proccessing") > 0, Duration.ofSeconds(120));
    assertThat(ApiClient.data(api.post("/api/task/" + deep + "/cancel", TOKEN, new JsonObject())).getString("status"))
        .isEqualTo("cancelled");

    // One painting runs at a time per node: had the cancelled one kept going (minutes at quality 100), this would wait for it.
    long started = System.nanoTime();
    String fast = api.submit(TOKEN, task("FastStyle", 0)).getString("queryCode");
    assertThat(api.awaitQuery(TOKEN, fast, StyleTaskTest::ended, Duration.ofSeconds(60)).getString("status")).isEqualTo("done");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
    assertThat(api.query(TOKEN, deep).getString("status")).isEqualTo("cancelled");
  }

  @Test
  void aTaskWithoutAStyleImageOrWithANonImageIsRefused() {
    JsonObject noStyle = task("FastStyle", 0);
    noStyle.remove("styleImage");
    assertThat(errorCode(api.post("/api/task", TOKEN, noStyle), 400)).isNotBlank();
    JsonObject text = task("DeepPaint", 0).put("styleImage", Images.base64("not an image".getBytes()));
    assertThat(errorCode(api.post("/api/task", TOKEN, text), 400)).isNotBlank();
  }

  /** 1920x1367 content at quality 0–24 becomes 256 px on its longest side, aspect kept. */
  private static void assertExpectedJpeg(HttpResponse<Buffer> result) {
    assertExpectedJpeg(result, 256);
  }

  /** The content's aspect kept at {@code longest} px (the quality's band). */
  private static void assertExpectedJpeg(HttpResponse<Buffer> result, int longest) {
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.getHeader("content-type")).isEqualTo("image/jpeg");
    BufferedImage image = Images.decode(result.body().getBytes());
    assertThat(image.getWidth()).isEqualTo(longest);
    assertThat(image.getHeight()).isEqualTo(Math.round(longest * 1367 / 1920f));
  }

  private static boolean ended(JsonObject task) {
    return List.of("done", "failed", "cancelled").contains(task.getString("status"));
  }

  private static JsonObject task(String type, int quality) {
    return new JsonObject().put("taskType", type).put("quality", quality)
        .put("contentImage", Images.base64(CONTENT)).put("styleImage", Images.base64(STYLE));
  }
}
