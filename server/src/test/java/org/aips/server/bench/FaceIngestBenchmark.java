package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.aips.server.AipsServer;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.aips.server.support.Images.jpeg;
import static org.aips.server.support.Images.resize;

/**
 * Ingestion throughput of the face ingestion service end to end (docs/face-ingest.md): a task of
 * {@link #ROWS} rows of single-face photos of at most 1 MP as data: URIs (each a distinct file, so
 * none is a 208 duplicate), from start to finished, in faces stored per second; then the same photos
 * through Human on Node.js (bench/node, WASM backend, detect + mesh + descriptor) in the same run.
 * Photos: the test set's two portraits at several scales with -Daips.testdata, else crops of the
 * largest face of each face-api photo.
 */
@Tag("benchmark")
class FaceIngestBenchmark {

  private static final int ROWS = 96;
  private static final Path NODE_BENCH = Path.of("../bench/node").toAbsolutePath().normalize();
  private static AipsServer node;
  private static Vertx client;
  private static WebClient http;
  private static final String TOKEN = Tokens.valid("bench");

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("face-ingest-bench"), new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", Integer.getInteger("aips.bench.workers", 0)))));
    client = Vertx.vertx();
    http = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterAll
  static void stop() {
    http.close();
    client.close().await();
    node.close().await();
  }

  @Test
  void facesStoredPerSecondBesideHuman() throws Exception {
    List<byte[]> photos = photos();
    StringBuilder csv = new StringBuilder("uri,tag,description\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(photos.get(i))).append(",p").append(i).append(",bench\n");
    }
    MultipartForm form = MultipartForm.create().attribute("group_name", "ingest-bench").attribute("thread_num", "8")
        .binaryFileUpload("file", "bench.csv", Buffer.buffer(csv.toString()), "text/csv");
    HttpResponse<Buffer> created = http.post("/v1/tasks/create").putHeader("x-token", TOKEN).sendMultipartForm(form).await();
    String id = created.bodyAsJsonObject().getString("id");
    long started = System.nanoTime();
    http.get("/v1/tasks/" + id + "/start").putHeader("x-token", TOKEN).send().await();
    JsonObject detail;
    do {
      Thread.sleep(100);
      detail = http.get("/v1/tasks/" + id + "/detail").putHeader("x-token", TOKEN).send().await().bodyAsJsonObject();
    } while (detail.getInteger("state") != 4);
    double seconds = (System.nanoTime() - started) / 1e9;
    long stored = http.get("/v1/groups").putHeader("x-token", TOKEN).send().await().bodyAsJsonObject().getJsonArray("groups").stream()
        .map(JsonObject.class::cast).filter(g -> g.getString("group_name").equals("ingest-bench")).findFirst().orElseThrow().getLong("face_num");
    double rate = stored / seconds;
    System.out.printf("%n== AIPS face ingestion benchmark: %d cores ==%ningest: %d rows, %d faces stored in %.1f s: %.1f faces/s (thread_num 8)%n",
        Runtime.getRuntime().availableProcessors(), ROWS, stored, seconds, rate);

    List<Path> files = new ArrayList<>();
    Path folder = Files.createTempDirectory(Path.of("target"), "ingest-bench");
    for (int i = 0; i < Math.min(16, photos.size()); i++) {
      files.add(Files.write(folder.resolve("p" + i + ".jpg"), photos.get(i)));
    }
    JsonObject human = HumanOnNode.run(NODE_BENCH, "faces", 3, files, 1).get(0);
    List<JsonObject> two = HumanOnNode.run(NODE_BENCH, "faces", 3, files, 2);
    double twoRate = two.stream().mapToDouble(r -> r.getDouble("imagesPerSecond")).sum();
    System.out.printf("Human %s %s on the same photos (detect, mesh, descriptor; decoded before timing): %.1f faces/s one process, "
            + "%.1f two processes; AIPS / Human: %.1fx, %.1fx%n", human.getString("human"), human.getString("backend"),
        human.getDouble("imagesPerSecond"), twoRate, rate / human.getDouble("imagesPerSecond"), rate / twoRate);
  }

  /** ROWS distinct single-face photos of at most 1 MP. */
  private static List<byte[]> photos() throws IOException {
    List<BufferedImage> sources = new ArrayList<>();
    if (Photos.testdata().isPresent()) {
      Path faces = Photos.testdata().get().resolve("faces");
      sources.add(ImageIO.read(faces.resolve("portrait_grace_hopper.jpg").toFile()));
      sources.add(ImageIO.read(faces.resolve("portrait_astronaut.png").toFile()));
    } else {
      for (int n = 1; n <= 6; n++) {
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(Photos.faceApiSample(n)));
        JsonObject face = node.vertx().eventBus().<JsonObject>request("aips.vision.faces", Buffer.buffer(Photos.faceApiSample(n))).await()
            .body().getJsonArray("faces").stream().map(JsonObject.class::cast)
            .max((a, b) -> Double.compare(a.getJsonObject("box").getDouble("width"), b.getJsonObject("box").getDouble("width"))).orElseThrow();
        JsonObject box = face.getJsonObject("box");
        int size = (int) (box.getDouble("width") * 1.8);
        int x = (int) Math.max(0, box.getDouble("x") + box.getDouble("width") / 2 - size / 2.0);
        int y = (int) Math.max(0, box.getDouble("y") + box.getDouble("height") / 2 - size / 2.0);
        sources.add(photo.getSubimage(x, y, Math.min(size, photo.getWidth() - x), Math.min(size, photo.getHeight() - y)));
      }
    }
    List<byte[]> photos = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      BufferedImage source = sources.get(i % sources.size());
      double scale = Math.min(1.0, Math.sqrt(1_000_000.0 / (source.getWidth() * source.getHeight()))) * (1.0 - 0.004 * (i / sources.size()));
      photos.add(jpeg(resize(source, (int) (source.getWidth() * scale), (int) (source.getHeight() * scale))));
    }
    return photos;
  }
}
