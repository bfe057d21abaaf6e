package org.aips.server.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Images per second and latency of the faces (detect + mesh + descriptor) and objects services
 * over the event bus, from image bytes to answer, one request at a time and with several in
 * flight; then the same images through {@code @vladmandic/human} on Node.js (WASM backend, one and
 * two processes) in the same run, and the ratio. Images: the 19 decodable ones of the test set's
 * {@code faces/} and {@code content/} with {@code -Daips.testdata=FOLDER}, else face-api's samples.
 */
@Tag("benchmark")
public class VisionBenchmark {

  private static final int PASSES = 3;
  private static final int IN_FLIGHT = 4;
  private static final Path NODE_BENCH = Path.of("../bench/node").toAbsolutePath().normalize();
  private static AipsServer server;
  private static List<Path> files;
  private static List<byte[]> images;

  @BeforeAll
  static void start() throws IOException {
    files = benchmarkImages();
    images = files.stream().map(Photos::read).toList();
    // -Daips.bench.workers / -Daips.bench.sessionThreads try other thread layouts (defaults: one verticle per core, one thread each).
    JsonObject overrides = new JsonObject().put("roles", TestNode.roles("inference"))
        .put("inference", new JsonObject().put("modelPackDir", TestNode.MODEL_PACK.toString())
            .put("workers", Integer.getInteger("aips.bench.workers", 0))
            .put("sessionThreads", Integer.getInteger("aips.bench.sessionThreads", 1)));
    server = TestNode.start(TestNode.config(TestNode.newDataDir("vision-bench"), overrides));
    System.out.printf("%n== AIPS vision benchmark: %d cores, JDK %s, TensorFlow Java 1.1.0 CPU, %d images, inference %s ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), images.size(), overrides.getJsonObject("inference"));
  }

  @AfterAll
  static void stop() {
    server.close().await();
  }

  @Test
  void faces() throws Exception {
    DeliveryOptions withDescriptor = new DeliveryOptions().addHeader("descriptor", "true");
    compare("faces", Addresses.VISION_FACES, withDescriptor);
  }

  @Test
  void objects() throws Exception {
    compare("objects", Addresses.VISION_OBJECTS, new DeliveryOptions());
  }

  private void compare(String service, String address, DeliveryOptions options) throws Exception {
    run(address, options, 1, 1); // warm-up: JIT and first-use allocations
    Figures single = run(address, options, 1, PASSES);
    Figures concurrent = run(address, options, IN_FLIGHT, PASSES);
    System.out.printf("%-8s AIPS one at a time:       %s%n", service, single);
    System.out.printf("%-8s AIPS %d in flight:          %s%n", service, IN_FLIGHT, concurrent);
    JsonObject human = HumanOnNode.run(NODE_BENCH, service, PASSES, files, 1).get(0);
    List<JsonObject> twoProcesses = HumanOnNode.run(NODE_BENCH, service, PASSES, files, 2);
    double twoRate = twoProcesses.stream().mapToDouble(r -> r.getDouble("imagesPerSecond")).sum();
    System.out.printf("%-8s Human %s %s, 1 process: %.2f images/s, latency p50 %d ms, p90 %d ms, p99 %d ms%n", service,
        human.getString("human"), human.getString("backend"), human.getDouble("imagesPerSecond"),
        human.getInteger("p50"), human.getInteger("p90"), human.getInteger("p99"));
    System.out.printf("%-8s Human, 2 processes: %.2f images/s%n", service, twoRate);
    System.out.printf("%-8s ratio AIPS/Human: %.1fx one process, %.1fx two processes%n%n", service,
        concurrent.imagesPerSecond() / human.getDouble("imagesPerSecond"), concurrent.imagesPerSecond() / twoRate);
  }

  private Figures run(String address, DeliveryOptions options, int inFlight, int passes) throws InterruptedException {
    int total = images.size() * passes;
    AtomicInteger next = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    ExecutorService clients = Executors.newFixedThreadPool(inFlight);
    long started = System.nanoTime();
    for (int c = 0; c < inFlight; c++) {
      clients.submit(() -> {
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          server.vertx().eventBus().request(address, Buffer.buffer(images.get(i % images.size())), options).await();
          latencies.add(System.nanoTime() - t0);
        }
      });
    }
    clients.shutdown();
    clients.awaitTermination(30, TimeUnit.MINUTES);
    return Figures.of(latencies, System.nanoTime() - started);
  }

  record Figures(double imagesPerSecond, double p50, double p90, double p99) {
    static Figures of(List<Long> nanos, long elapsedNanos) {
      List<Long> sorted = nanos.stream().sorted().toList();
      return new Figures(sorted.size() / (elapsedNanos / 1e9), at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99));
    }

    private static double at(List<Long> sorted, double p) {
      return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }

    @Override
    public String toString() {
      return String.format("%.2f images/s, latency p50 %.0f ms, p90 %.0f ms, p99 %.0f ms", imagesPerSecond, p50, p90, p99);
    }
  }

  /** The 19 decodable images of the test set's faces/ and content/, or without it the six face-api photos. */
  public static List<Path> benchmarkImages() throws IOException {
    if (Photos.testdata().isEmpty()) {
      return Stream.of(1, 2, 3, 4, 5, 6).map(n -> TestNode.MODEL_PACK.resolve("face-api/demo/sample" + n + ".jpg")).toList();
    }
    Path root = Photos.testdata().get();
    List<Path> decodable = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("faces/ingest-sample.csv")).subList(1, 17)) {
      String[] row = line.split(",", 3);
      if (row[1].equals("face") || row[1].equals("no-face")) {
        decodable.add(root.resolve("faces").resolve(row[0]));
      }
    }
    try (Stream<Path> content = Files.list(root.resolve("content"))) {
      content.sorted().forEach(decodable::add);
    }
    return decodable;
  }
}
