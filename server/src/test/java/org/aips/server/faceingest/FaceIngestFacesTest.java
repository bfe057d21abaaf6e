package org.aips.server.faceingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.aips.server.support.VisionBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.aips.server.support.Images.resize;
import static org.aips.server.support.Images.png;
import static org.aips.server.support.Images.jpeg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real faces through the real faces service (TensorFlow on this node): the face-api demo photos the
 * build fetches, served from a loopback server and as data: URIs. Each filter code is caused by a
 * limit set just past what the service measures on the photo, so the tests hold whatever the
 * model's exact figures are.
 */
class FaceIngestFacesTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static HttpServer images;
  private static FaceIngestClient api;
  private static VisionBus vision;
  private static final byte[] PHOTO = Photos.faceApiSample(2);

  @BeforeAll
  static void start() {
    JsonObject plugin = new JsonObject().put("allowPrivateAddresses", true).put("faceRetries", 0);
    JsonObject overrides = FaceIngestApiTest.overrides(plugin)
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 2));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("faceingest-faces"), overrides));
    vertx = Vertx.vertx();
    images = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/photo.jpg")) {
        request.response().putHeader("content-type", "image/jpeg").end(Buffer.buffer(PHOTO));
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    api = new FaceIngestClient(vertx, node.httpPort(), Tokens.valid("faceingest-faces"));
    vision = new VisionBus(node.vertx());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  @Test
  void photosAreStoredAndEveryBadImageIsLoggedWithItsCode() throws IOException {
    String csv = "uri,tag,description\n"
        + "http://127.0.0.1:" + images.actualPort() + "/photo.jpg,group photo,from a loopback server\n"
        + "http://127.0.0.1:" + images.actualPort() + "/missing.jpg,missing,404\n"
        + data(Photos.faceApiSample(3)) + ",third,a data: URI\n"
        + data("not an image at all".getBytes()) + ",text,not an image\n"
        + data(Arrays.copyOf(PHOTO, 4096)) + ",cut,truncated before its image data\n"
        + data(png(plain(320, 240))) + ",nobody,a picture without a face\n"
        + data(PHOTO) + ",again,the same photo again\n";
    String id = api.created(Map.of("group_name", "codes", "thread_num", "3"), csv);
    api.ok(id, "start");
    JsonObject done = api.awaitState(id, 4, Duration.ofSeconds(120));
    assertThat(done.getInteger("handled_num")).isEqualTo(7);
    // rows run in parallel: of the two copies of the photo, whichever finishes first is stored and the other is 208
    assertThat(codes(id)).as("one photo copy and row 3 stored").containsExactlyInAnyOrder(101, 102, 102, 201, 208);
    List<String> messages = messages(id);
    assertThat(messages).anyMatch(m -> m.contains("HTTP 404")).anyMatch(m -> m.contains("INVALID_IMAGE"))
        .anyMatch(m -> m.contains("already in the group"));
  }

  @Test
  void eachPoseSizeAndBlurLimitRefusesAFaceJustPastIt() throws IOException {
    JsonObject face = largestFace(PHOTO);
    JsonObject pose = face.getJsonObject("pose");
    Map<String, Integer> expected = new LinkedHashMap<>();
    limit(expected, "pos_pitch", Math.abs(pose.getDouble("pitch")), 202);
    limit(expected, "pos_yaw", Math.abs(pose.getDouble("yaw")), 203);
    limit(expected, "pos_rol", Math.abs(pose.getDouble("roll")), 204);
    expected.put("width=" + (face.getInteger("width") + 1), 205);
    expected.put("height=" + (face.getInteger("height") + 1), 206);
    assertThat(expected).as("the photo's face has a measurable pose").hasSizeGreaterThanOrEqualTo(4);
    for (Map.Entry<String, Integer> limit : expected.entrySet()) {
      String[] field = limit.getKey().split("=");
      String id = api.created(Map.of("group_name", "limits-" + field[0], field[0], field[1]), data(PHOTO) + ",x,y\n");
      api.ok(id, "start");
      api.awaitState(id, 4, Duration.ofSeconds(60));
      assertThat(codes(id)).as(limit.getKey()).containsExactly(limit.getValue());
    }

    byte[] blurred = jpeg(blur(ImageIO.read(new ByteArrayInputStream(PHOTO)), 8));
    double sharp = degree(face.getDouble("blur"));
    double soft = degree(largestFace(blurred).getDouble("blur"));
    assertThat(soft).as("blurring raises the blur degree").isGreaterThan(sharp + 2);
    int limit = (int) Math.round((sharp + soft) / 2);
    String id = api.created(Map.of("group_name", "blur", "blur_degree", Integer.toString(limit)),
        data(PHOTO) + ",sharp,passes\n" + data(blurred) + ",blurred,refused\n");
    api.ok(id, "start");
    api.awaitState(id, 4, Duration.ofSeconds(60));
    assertThat(codes(id)).as("the sharp photo is stored, the blurred one refused").containsExactly(207);
  }

  private static void limit(Map<String, Integer> expected, String field, double measured, int code) {
    if (measured >= 2) {
      expected.put(field + "=" + (int) Math.floor(measured - 1), code);
    }
  }

  /** The codes of the task's log in row order; the JSON log and the downloaded CSV agree. */
  private static List<Integer> codes(String id) {
    JsonArray logs = api.action(id, "log").bodyAsJsonObject().getJsonArray("logs");
    String csv = api.action(id, "download_log").bodyAsString();
    assertThat(csv.lines().count()).isEqualTo(logs.size());
    return logs.stream().map(l -> ((JsonObject) l).getInteger("code")).toList();
  }

  private static List<String> messages(String id) {
    return api.action(id, "log").bodyAsJsonObject().getJsonArray("logs").stream().map(l -> ((JsonObject) l).getString("message")).toList();
  }

  private static JsonObject largestFace(byte[] image) {
    return vision.facesResult(image, false).getJsonArray("faces").stream().map(JsonObject.class::cast)
        .max(Comparator.comparingDouble(f -> f.getJsonObject("box").getDouble("width") * f.getJsonObject("box").getDouble("height")))
        .orElseThrow();
  }

  private static double degree(double sharpness) {
    return 100.0 * 30 / (30 + sharpness);
  }

  private static String data(byte[] bytes) {
    return FaceIngestClient.dataUri(bytes, "image/jpeg");
  }

  private static BufferedImage plain(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
      }
    }
    return image;
  }

  /** Down to 1/factor and back up, bilinear: the detail is gone, the face is still there. */
  private static BufferedImage blur(BufferedImage image, int factor) {
    BufferedImage small = resize(image, image.getWidth() / factor, image.getHeight() / factor);
    return resize(small, image.getWidth(), image.getHeight());
  }
}
