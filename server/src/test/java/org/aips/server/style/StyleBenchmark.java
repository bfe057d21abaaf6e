package org.aips.server.style;

import org.aips.server.support.Paintings;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.vision.ImageDecoder;
import org.aips.server.vision.RgbImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seconds per painting at each quality band for FastStyle and DeepPaint, the DeepPaint/FastStyle
 * ratio, and the FLOP rate the paintings reach as a fraction of a plain TensorFlow matrix multiply
 * measured in the same run. {@code ./aips bench -Dtest=StyleBenchmark [-Daips.testdata=...]
 * [-Daips.bench.styleRuns=3] [-Daips.bench.styleQualities=0,25,50,75]}.
 */
@Tag("benchmark")
class StyleBenchmark {

  private static final ImageDecoder DECODER = new ImageDecoder(50_000_000L);

  @Test
  void secondsPerTaskAndFlopRate() {
    int runs = Integer.getInteger("aips.bench.styleRuns", 3);
    int[] qualities = Arrays.stream(System.getProperty("aips.bench.styleQualities", "0,25,50,75").split(","))
        .mapToInt(Integer::parseInt).toArray();
    // 1920x1280, so that every quality band gets its full size (content is never enlarged).
    RgbImage content = DECODER.decode(Photos.faceApiSample(1));
    RgbImage style = DECODER.decode(Photos.testdata().map(d -> Photos.read(d.resolve("style/starry_night.jpg")))
        .orElseGet(() -> Paintings.swirls(600, 480)));
    FeatureSource features = FeatureSource.centerNet(TestNode.MODEL_PACK);
    StyleTransfer transfer = new StyleTransfer(features, StyleWeights.DEFAULTS, 1024, 0);
    ConfigProto config = ConfigProto.newBuilder().setInterOpParallelismThreads(1).build();

    double peak = matMulFlopRate(config);
    System.out.printf(Locale.ROOT, "plain TensorFlow MatMul 1024x1024x1024: %.1f GFLOP/s (median of 10)%n", peak / 1e9);
    System.out.printf("content %dx%d, style %dx%d, %d runs each, load average at start %s%n", content.width(), content.height(),
        style.width(), style.height(), runs, loadAverage());
    System.out.println("method | quality | size | seconds (median, min-max) | GFLOP per task | GFLOP/s | fraction of MatMul");
    Map<Integer, double[]> medians = new TreeMap<>();
    for (int quality : qualities) {
      for (StyleMethod method : StyleMethod.values()) {
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
          long started = System.nanoTime();
          transfer.paint(content, style, method, quality, p -> { }, () -> false);
          seconds[run] = (System.nanoTime() - started) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        int[] size = transfer.outputSize(content.width(), content.height(), quality, method);
        double flops = taskFlops(features, method, quality, size, style, config);
        medians.computeIfAbsent(quality, q -> new double[2])[method.ordinal()] = median;
        System.out.printf(Locale.ROOT, "%s | %d | %dx%d | %.2f (%.2f-%.2f) | %.1f | %.1f | %.2f%n", method, quality, size[0], size[1],
            median, seconds[0], seconds[runs - 1], flops / 1e9, flops / median / 1e9, flops / median / peak);
      }
    }
    medians.forEach((quality, m) -> System.out.printf(Locale.ROOT, "quality %d: DeepPaint / FastStyle = %.1f x%n", quality,
        m[StyleMethod.DEEP_PAINT.ordinal()] / m[StyleMethod.FAST_STYLE.ordinal()]));
  }

  /** Convolution and matrix-product FLOPs of every step of every pass of the plan. */
  private static double taskFlops(FeatureSource features, StyleMethod method, int quality, int[] size, RgbImage style, ConfigProto config) {
    double total = 0;
    StylePlan plan = StylePlan.of(method, quality);
    for (Pass pass : plan.passes()) {
      int width = pass.width(size[0]);
      int height = pass.height(size[1]);
      int[] styleSize = StyleTransfer.styleSize(style, width, height);
      try (PassGraph graph = new PassGraph(features, StyleWeights.DEFAULTS, pass == plan.passes().get(0), width, height,
          styleSize[0], styleSize[1], config)) {
        total += (double) StepFlops.count(graph.stepOperations()) * pass.iterations();
      }
    }
    return total;
  }

  private static double matMulFlopRate(ConfigProto config) {
    int n = 1024;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      var product = tf.linalg.matMul(a, a);
      try (Session session = new Session(graph, config);
           TFloat32 input = TFloat32.tensorOf(Shape.of(n, n), data -> data.scalars().forEachIndexed((i, s) -> s.setFloat((i[0] + i[1]) % 7 / 7f)))) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          long started = System.nanoTime();
          session.runner().feed(a, input).fetch(product).run().close();
          if (i >= 2) {
            rates.add(2.0 * n * n * n / ((System.nanoTime() - started) / 1e9));
          }
        }
        rates.sort(null);
        return rates.get(rates.size() / 2);
      }
    }
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
