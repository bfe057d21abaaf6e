package org.aips.plugins.example;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailTaskTypeTest {

  private static Vertx vertx;
  private final ThumbnailTaskType type = new ThumbnailTaskType();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultsGiveA256PixelGrayscaleJpeg() throws Exception {
    TestTaskContext context = context(png(scene(640, 480)), new JsonObject(), 90);

    TaskResult result = execute(context);

    assertThat(result.contentType()).isEqualTo("image/jpeg");
    byte[] bytes = result.bytes().orElseThrow().getBytes();
    assertThat(formatOf(bytes)).isEqualToIgnoringCase("jpeg");
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(thumbnail.getWidth()).isEqualTo(256);
    assertThat(thumbnail.getHeight()).isEqualTo(192);

    Set<Integer> grays = new HashSet<>();
    for (int y = 0; y < 192; y += 8) {
      for (int x = 0; x < 256; x += 8) {
        Color c = new Color(thumbnail.getRGB(x, y));
        assertThat(c.getGreen()).as("G at %d,%d", x, y).isEqualTo(c.getRed());
        assertThat(c.getBlue()).as("B at %d,%d", x, y).isEqualTo(c.getRed());
        grays.add(c.getRed());
      }
    }
    assertThat(grays).as("the gradient survives").hasSizeGreaterThan(20);
    assertThat(thumbnail.getRaster().getNumBands()).as("a one-channel JPEG").isEqualTo(1);
    // The red square (400..600, 100..300 in the source) becomes the luma of pure red, 0.299 * 255.
    // Read the stored sample: getRGB would treat Java's gray colour space as linear and brighten it.
    assertThat(thumbnail.getRaster().getSample(200, 80, 0)).isBetween(67, 87);

    assertThat(context.progressReports()).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void keepsColourWhenGrayscaleIsOff() throws Exception {
    TaskResult result = execute(context(png(scene(640, 480)), new JsonObject().put("grayscale", false), 90));

    Color red = new Color(decode(result).getRGB(200, 80));
    assertThat(red.getRed()).isGreaterThan(200);
    assertThat(red.getGreen()).isLessThan(60);
    assertThat(red.getBlue()).isLessThan(60);
  }

  @Test
  void honoursMaxSizeOnTheLongestSide() throws Exception {
    BufferedImage landscape = decode(execute(context(png(scene(640, 480)), new JsonObject().put("maxSize", 100), 90)));
    BufferedImage portrait = decode(execute(context(png(scene(300, 600)), new JsonObject().put("maxSize", 64), 90)));

    assertThat(new int[] {landscape.getWidth(), landscape.getHeight()}).containsExactly(100, 75);
    assertThat(new int[] {portrait.getWidth(), portrait.getHeight()}).containsExactly(32, 64);
  }

  @Test
  void doesNotEnlargeSmallImages() throws Exception {
    BufferedImage thumbnail = decode(execute(context(png(scene(40, 30)), new JsonObject(), 90)));

    assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(40, 30);
  }

  @Test
  void transparentAreasBecomeWhite() throws Exception {
    BufferedImage transparent = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = transparent.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 32, 64);
    g.dispose();

    BufferedImage thumbnail = decode(execute(context(png(transparent), new JsonObject(), 90)));

    assertThat(new Color(thumbnail.getRGB(8, 32)).getRed()).isLessThan(20);
    assertThat(new Color(thumbnail.getRGB(56, 32)).getRed()).isGreaterThan(235);
  }

  @Test
  void higherQualityGivesALargerFile() throws Exception {
    Buffer image = png(scene(640, 480));
    JsonObject params = new JsonObject().put("maxSize", 512);

    int low = execute(context(image, params, 10)).bytes().orElseThrow().length();
    int high = execute(context(image, params, 95)).bytes().orElseThrow().length();

    assertThat(high).isGreaterThan(low * 2);
  }

  @Test
  void refusesInputThatIsNotAnImage() throws Exception {
    Throwable failure = failure(context(Buffer.buffer("certainly not an image"), new JsonObject(), 90));

    assertThat(failure)
        .isInstanceOfSatisfying(TaskFailure.class, f -> assertThat(f.isRetryable()).isFalse())
        .hasMessage("contentImage is not a decodable image");
  }

  @Test
  void refusesImagesDeclaringTooManyPixelsBeforeDecodingThem() throws Exception {
    Throwable failure = failure(context(pngHeaderOnly(20_000, 20_000), new JsonObject(), 90));

    assertThat(failure)
        .isInstanceOfSatisfying(TaskFailure.class, f -> assertThat(f.isRetryable()).isFalse())
        .hasMessageContaining("more than");
  }

  @Test
  void stopsWhenCancelled() throws Exception {
    TestTaskContext context = context(png(scene(640, 480)), new JsonObject(), 90);
    context.cancel();

    assertThat(failure(context)).isInstanceOf(CancellationException.class);
    assertThat(context.progressReports()).doesNotContain(1.0);
  }

  @Test
  void declaresItsInputAndParams() {
    assertThat(type.name()).isEqualTo("Thumbnail");
    assertThat(type.requiredInputs()).containsExactly("contentImage");
    JsonObject schema = type.paramsSchema();
    assertThat(schema.getBoolean("additionalProperties")).isFalse();
    assertThat(schema.getJsonObject("properties").fieldNames()).containsExactlyInAnyOrder("maxSize", "grayscale");
  }

  /** Runs the task as the host does: {@code execute} on an event loop, the outcome awaited here. */
  private Future<TaskResult> run(TestTaskContext context) throws Exception {
    CompletableFuture<Future<TaskResult>> outcome = new CompletableFuture<>();
    vertx.runOnContext(v -> type.execute(context).onComplete((result, failure) -> outcome.complete(
        failure == null ? Future.succeededFuture(result) : Future.failedFuture(failure))));
    return outcome.get(30, TimeUnit.SECONDS);
  }

  private TaskResult execute(TestTaskContext context) throws Exception {
    Future<TaskResult> outcome = run(context);
    assertThat(outcome.cause()).as("task failure").isNull();
    return outcome.result();
  }

  private Throwable failure(TestTaskContext context) throws Exception {
    Future<TaskResult> outcome = run(context);
    assertThat(outcome.failed()).as("the task failed").isTrue();
    return outcome.cause();
  }

  private static TestTaskContext context(Buffer image, JsonObject params, int quality) {
    return new TestTaskContext(vertx, Map.of("contentImage", image), params, quality);
  }

  /** A blue-to-green gradient with a red square and a white disc: colour, edges and flat areas. */
  private static BufferedImage scene(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.GREEN));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillRect(width * 5 / 8, height * 5 / 24, width * 5 / 16, height * 5 / 12);
    g.setColor(Color.WHITE);
    g.fillOval(width / 8, height / 4, width / 4, height / 3);
    g.dispose();
    return image;
  }

  private static Buffer png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(ImageIO.write(image, "png", out)).isTrue();
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PNG signature and header declaring a huge 8-bit gray canvas, with no pixel data. */
  private static Buffer pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
    return Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
        .appendBuffer(chunk("IHDR", ihdr.array()))
        .appendBuffer(chunk("IEND", new byte[0]));
  }

  private static Buffer chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes());
    crc.update(data);
    return Buffer.buffer().appendInt(data.length).appendString(type).appendBytes(data).appendInt((int) crc.getValue());
  }

  private static BufferedImage decode(TaskResult result) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(result.bytes().orElseThrow().getBytes()));
  }

  private static String formatOf(byte[] bytes) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      return readers.hasNext() ? readers.next().getFormatName() : "none";
    }
  }
}
