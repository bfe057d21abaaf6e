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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The face ingestion service on ../shared/testdata/faces (with -Daips.testdata): the manifest's
 * ingest-sample.csv served from a loopback server, each row with its documented outcome (face:
 * stored; no-face: 201; corrupt and not-image: 102); and the filters' measures on images made from
 * the test portraits: rotated ±30° in the plane, the stored roll moves by the rotation within 3°;
 * blurred with a growing radius, the stored blur degree grows at every step until the faces
 * service's sharpness measure reaches its floor. Measured figures are printed.
 */
@Tag("testdata")
class FaceIngestTestdataTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static HttpServer files;
  private static FaceIngestClient api;
  private static Path faces;

  @BeforeAll
  static void start() {
    // tagged testdata: it runs only with -Daips.testdata, and then the folder must be there (no silent skip)
    faces = Photos.testdata().orElseThrow(() -> new IllegalStateException("run with -Daips.testdata=FOLDER")).resolve("faces");
    JsonObject overrides = FaceIngestApiTest.overrides(new JsonObject().put("allowPrivateAddresses", true).put("faceRetries", 0))
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 2));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("faceingest-testdata"), overrides));
    vertx = Vertx.vertx();
    files = vertx.createHttpServer().requestHandler(request -> {
      Path file = faces.resolve(request.path().substring(1)).normalize();
      if (file.startsWith(faces) && Files.isRegularFile(file)) {
        request.response().end(Buffer.buffer(Photos.read(file)));
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    api = new FaceIngestClient(vertx, node.httpPort(), Tokens.valid("faceingest-testdata"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      api.close();
      node.close().await();
      vertx.close().await();
    }
  }

  @Test
  void everyRowOfTheSampleCsvHasItsDocumentedOutcome() throws IOException {
    List<String> lines = Files.readAllLines(faces.resolve("ingest-sample.csv"));
    String base = "http://127.0.0.1:" + files.actualPort() + "/";
    String csv = lines.get(0) + "\n" + lines.subList(1, lines.size()).stream().map(line -> base + line).collect(Collectors.joining("\n")) + "\n";
    String id = api.created(Map.of("group_name", "testdata-sample", "thread_num", "4"), csv);
    api.ok(id, "start");
    JsonObject done = api.awaitState(id, 4, Duration.ofSeconds(300));
    assertThat(done.getInteger("handled_num")).isEqualTo(lines.size() - 1);

    Map<String, Integer> logged = new LinkedHashMap<>();
    api.action(id, "log").bodyAsJsonObject().getJsonArray("logs").stream().map(JsonObject.class::cast)
        .forEach(entry -> logged.put(entry.getString("uri").substring(base.length()), entry.getInteger("code")));
    Map<String, String> stored = new LinkedHashMap<>();
    api.get("/v1/groups/testdata-sample/faces?limit=1000").bodyAsJsonObject().getJsonArray("faces").stream().map(JsonObject.class::cast)
        .forEach(face -> stored.put(face.getString("uri").substring(base.length()), face.getString("tag")));
    System.out.printf("ingest-sample.csv: stored %s; logged %s%n", stored.keySet(), logged);
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split(",", 3);
      switch (row[1]) {
        case "face" -> assertThat(stored).as(row[0] + " is stored").containsEntry(row[0], "face");
        case "no-face" -> assertThat(logged).as(row[0]).containsEntry(row[0], 201);
        case "corrupt", "not-image" -> assertThat(logged).as(row[0]).containsEntry(row[0], 102);
        default -> throw new AssertionError("unknown tag " + row[1]);
      }
    }
  }

  @Test
  void aFaceRotatedThirtyDegreesInThePlaneHasItsRollMovedByThirtyWithinThreeDegrees() throws IOException {
    for (String portrait : List.of("portrait_grace_hopper.jpg", "portrait_astronaut.png")) {
      BufferedImage image = ImageIO.read(faces.resolve(portrait).toFile());
      Map<Integer, BufferedImage> rotated = new LinkedHashMap<>();
      for (int degrees : new int[] {0, 30, -30}) {
        rotated.put(degrees, rotate(image, degrees));
      }
      Map<Integer, Double> roll = measure("rotated-" + portrait, rotated, "roll", rotated.size());
      System.out.printf("%s rotated 0, +30, -30 degrees (clockwise positive): roll %s%n", portrait, roll);
      assertThat(roll.get(30) - roll.get(0)).as(portrait + " +30°").isCloseTo(30.0, org.assertj.core.data.Offset.offset(3.0));
      assertThat(roll.get(-30) - roll.get(0)).as(portrait + " -30°").isCloseTo(-30.0, org.assertj.core.data.Offset.offset(3.0));
    }
  }

  @Test
  void aFaceBlurredWithAGrowingRadiusHasAStrictlyHigherBlurDegreeAtEachStepUntilTheScoreBottomsOut() throws IOException {
    // sigma in per mille of the face's width (the manifest's: ~230 px and ~90 px). The faces service measures sharpness on
    // a 192-px crop of 8-bit grey levels: past a sigma of about 2.5 % of the face's width the score sits on its floor
    // (degree ~89, sharpness ~3.6) and no longer moves, so strictly worse is asserted up to 2 %, and no better beyond
    Map<String, Integer> faceWidth = Map.of("portrait_grace_hopper.jpg", 230, "portrait_astronaut.png", 90);
    int[] strict = {0, 4, 8, 12, 16, 20};
    int[] beyond = {30, 40};
    for (String portrait : List.of("portrait_grace_hopper.jpg", "portrait_astronaut.png")) {
      BufferedImage image = ImageIO.read(faces.resolve(portrait).toFile());
      Map<Integer, BufferedImage> blurred = new LinkedHashMap<>();
      for (int perMille : java.util.stream.IntStream.concat(java.util.Arrays.stream(strict), java.util.Arrays.stream(beyond)).toArray()) {
        double sigma = faceWidth.get(portrait) * perMille / 1000.0;
        blurred.put(perMille, perMille == 0 ? image : blur(image, sigma));
      }
      Map<Integer, Double> degree = measure("blurred-" + portrait, blurred, "blur_degree", strict.length);
      System.out.printf("%s blurred with Gaussian sigma (per mille of the face's width, ~%d px) -> blur degree: %s%n", portrait,
          faceWidth.get(portrait), degree);
      for (int i = 1; i < strict.length; i++) {
        assertThat(degree.get(strict[i])).as(portrait + " sigma " + strict[i] + "‰ in " + degree).isGreaterThan(degree.get(strict[i - 1]));
      }
      // beyond: no better, or the face is no longer found at all (NaN: logged 201)
      double previous = degree.get(strict[strict.length - 1]);
      for (int perMille : beyond) {
        double value = degree.get(perMille);
        if (!Double.isNaN(value)) {
          assertThat(value).as(portrait + " sigma " + perMille + "‰ in " + degree).isGreaterThanOrEqualTo(previous);
          previous = value;
        }
      }
    }
  }

  /**
   * Ingests the images (as data: URIs, tag = the key) into a group and reads one measure of each stored face; NaN for an
   * image whose face was not found. The first {@code mustStore} images must be stored.
   */
  private static Map<Integer, Double> measure(String group, Map<Integer, BufferedImage> images, String field, int mustStore)
      throws IOException {
    StringBuilder csv = new StringBuilder("uri,tag,description\n");
    for (Map.Entry<Integer, BufferedImage> image : images.entrySet()) {
      csv.append(FaceIngestClient.dataUri(png(image.getValue()), "image/png")).append(',').append(image.getKey()).append(",derived\n");
    }
    String id = api.created(Map.of("group_name", group, "thread_num", "2"), csv.toString());
    api.ok(id, "start");
    api.awaitState(id, 4, Duration.ofSeconds(180));
    JsonArray stored = api.get("/v1/groups/" + group + "/faces").bodyAsJsonObject().getJsonArray("faces");
    Map<Integer, Double> measured = new LinkedHashMap<>();
    int i = 0;
    for (Integer key : images.keySet()) {
      JsonObject face = stored.stream().map(JsonObject.class::cast).filter(f -> f.getString("tag").equals(key.toString())).findFirst()
          .orElse(null);
      if (i++ < mustStore) {
        assertThat(face).as(group + ": image " + key + " stored (log: " + api.action(id, "log").bodyAsString().length() + " chars)").isNotNull();
      }
      double value = face == null ? Double.NaN : field.equals("roll") ? face.getJsonObject("pose").getDouble("roll") : face.getDouble(field);
      measured.put(key, Double.isNaN(value) ? value : Math.round(value * 100) / 100.0);
    }
    return measured;
  }

  /** Rotated about its centre, clockwise for positive degrees, on a canvas large enough to keep every pixel (grey around). */
  static BufferedImage rotate(BufferedImage image, int degrees) {
    double radians = Math.toRadians(degrees);
    double sin = Math.abs(Math.sin(radians));
    double cos = Math.abs(Math.cos(radians));
    int width = (int) Math.ceil(image.getWidth() * cos + image.getHeight() * sin);
    int height = (int) Math.ceil(image.getWidth() * sin + image.getHeight() * cos);
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(new Color(128, 128, 128));
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.translate(width / 2.0, height / 2.0);
    g.rotate(radians); // y points down: a positive angle turns clockwise on screen
    g.drawImage(image, -image.getWidth() / 2, -image.getHeight() / 2, null);
    g.dispose();
    return out;
  }

  /** A Gaussian blur of standard deviation {@code sigma} pixels (separable, edges extended). */
  static BufferedImage blur(BufferedImage image, double sigma) {
    int radius = (int) Math.ceil(sigma * 3);
    float[] kernel = new float[2 * radius + 1];
    float sum = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
      sum += kernel[i + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= sum;
    }
    BufferedImage padded = new BufferedImage(image.getWidth() + 2 * radius, image.getHeight() + 2 * radius, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < padded.getHeight(); y++) {
      int sy = Math.min(image.getHeight() - 1, Math.max(0, y - radius));
      for (int x = 0; x < padded.getWidth(); x++) {
        padded.setRGB(x, y, image.getRGB(Math.min(image.getWidth() - 1, Math.max(0, x - radius)), sy));
      }
    }
    BufferedImage horizontal = new ConvolveOp(new Kernel(kernel.length, 1, kernel), ConvolveOp.EDGE_NO_OP, null).filter(padded, null);
    BufferedImage both = new ConvolveOp(new Kernel(1, kernel.length, kernel), ConvolveOp.EDGE_NO_OP, null).filter(horizontal, null);
    return both.getSubimage(radius, radius, image.getWidth(), image.getHeight());
  }

  private static byte[] png(BufferedImage image) throws IOException {
    BufferedImage rgb = image;
    if (image.getType() != BufferedImage.TYPE_INT_RGB) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(rgb, "png", out);
    return out.toByteArray();
  }
}
