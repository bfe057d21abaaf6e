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
  /** Photos Human runs on (a warm-up pass, then timed passes); the node's warm-up task has as many rows. */
  private static final int HUMAN_PHOTOS = 16;
  private static final int ROUNDS = Integer.getInteger("aips.bench.rounds", 3);
  private static final int THREAD_NUM = Integer.getInteger("aips.bench.threadNum", 8);
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
    List<Path> files = new ArrayList<>();
    Path folder = Files.createTempDirectory(Path.of("target"), "ingest-bench");
    for (int i = 0; i < HUMAN_PHOTOS; i++) {
      files.add(Files.write(folder.resolve("p" + i + ".jpg"), photos.get(i)));
    }
    System.out.printf("%n== AIPS face ingestion benchmark: %d cores, %d rounds ==%n", Runtime.getRuntime().availableProcessors(), ROUNDS);
    // Untimed, as Human's warm-up pass over its photos: the node's first rows run cold code (JIT, first model runs).
    ingest("ingest-warmup", photos.subList(0, HUMAN_PHOTOS));
    // Rounds alternate AIPS and Human: this machine's speed moves within minutes, so each ratio compares neighbours.
    List<Double> ratios = new ArrayList<>();
    List<Double> aipsRates = new ArrayList<>();
    List<Double> humanOne = new ArrayList<>();
    List<Double> humanTwo = new ArrayList<>();
    String human = "";
    for (int round = 1; round <= ROUNDS; round++) {
      String group = "ingest-bench-" + round;
      double seconds = ingest(group, photos);
      long stored = http.get("/v1/groups").putHeader("x-token", TOKEN).send().await().bodyAsJsonObject().getJsonArray("groups").stream()
          .map(JsonObject.class::cast).filter(g -> g.getString("group_name").equals(group)).findFirst().orElseThrow().getLong("face_num");
      double rate = stored / seconds;
      JsonObject one = HumanOnNode.run(NODE_BENCH, "faces", 3, files, 1).get(0);
      double twoRate = HumanOnNode.run(NODE_BENCH, "faces", 3, files, 2).stream().mapToDouble(r -> r.getDouble("imagesPerSecond")).sum();
      human = "Human " + one.getString("human") + " " + one.getString("backend");
      aipsRates.add(rate);
      humanOne.add(one.getDouble("imagesPerSecond"));
      humanTwo.add(twoRate);
      ratios.add(rate / twoRate);
      System.out.printf("round %d: AIPS %d rows, %d faces stored in %.1f s: %.1f faces/s; %s: %.1f faces/s one process, %.1f two processes; "
          + "AIPS / two: %.2fx%n", round, ROWS, stored, seconds, rate, human, one.getDouble("imagesPerSecond"), twoRate, rate / twoRate);
    }
    System.out.printf("median: AIPS %.1f faces/s (thread_num %d, after %d rows of warm-up); %s on the same photos (detect, mesh, "
            + "descriptor; decoded before timing, after a warm-up pass) %.1f one process, %.1f two; AIPS / two processes, median of the "
            + "rounds' ratios: %.2fx%n", median(aipsRates), THREAD_NUM, HUMAN_PHOTOS, human, median(humanOne), median(humanTwo), median(ratios));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Seconds from start to state 4 of a task ingesting {@code photos} as data: URIs into {@code group}. */
  private static double ingest(String group, List<byte[]> photos) throws InterruptedException {
    StringBuilder csv = new StringBuilder("uri,tag,description\n");
    for (int i = 0; i < photos.size(); i++) {
      csv.append("data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(photos.get(i))).append(",p").append(i).append(",bench\n");
    }
    MultipartForm form = MultipartForm.create().attribute("group_name", group).attribute("thread_num", String.valueOf(THREAD_NUM))
        .binaryFileUpload("file", "bench.csv", Buffer.buffer(csv.toString()), "text/csv");
    HttpResponse<Buffer> created = http.post("/v1/tasks/create").putHeader("x-token", TOKEN).sendMultipartForm(form).await();
    String id = created.bodyAsJsonObject().getString("id");
    long started = System.nanoTime();
    http.get("/v1/tasks/" + id + "/start").putHeader("x-token", TOKEN).send().await();
    JsonObject detail;
    do {
      Thread.sleep(50);
      detail = http.get("/v1/tasks/" + id + "/detail").putHeader("x-token", TOKEN).send().await().bodyAsJsonObject();
    } while (detail.getInteger("state") != 4);
    return (System.nanoTime() - started) / 1e9;
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
