package org.aips.server.style;

import org.aips.server.vision.RgbImage;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a result carries a style and keeps a content, for tests, benchmarks and the gallery.
 *
 * <ul>
 *   <li>{@link #styleDistance}: mean over layers of |G(a) - G(b)|² / |G(b)|², Gram matrices of a
 *       random network with a different seed from the one the painting used, so the measure is not
 *       the quantity that was optimised. 0 = same texture statistics.</li>
 *   <li>{@link #edgeSimilarity}: Pearson correlation of the Sobel gradient magnitudes of the two
 *       images in grey, both resampled to the same grid. 1 = same edges.</li>
 * </ul>
 */
public final class StyleMeasures implements AutoCloseable {

  /** Images are compared at this longest side, so that textures are measured at one scale. */
  private static final int SIDE = 256;
  private static final long SEED = 7_121_989L;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> input;
  private final Placeholder<TInt32> size;
  private final List<Operand<TFloat32>> grams = new ArrayList<>();
  private final Operand<TFloat32> edges;

  public StyleMeasures() {
    Ops tf = Ops.create(graph);
    input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    size = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2)));
    Operand<TFloat32> resized = tf.image.resizeArea(input, size);
    for (Operand<TFloat32> layer : new RandomFeatures(tf, SEED).apply(tf, resized)) {
      grams.add(PassGraph.gram(tf, layer));
    }
    Operand<TFloat32> grey = tf.reduceSum(tf.math.mul(resized, tf.constant(new float[] {0.299f, 0.587f, 0.114f})),
        tf.constant(new int[] {3}), ReduceSum.keepDims(true));
    float[] sobelX = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    float[] sobelY = {-1, -2, -1, 0, 0, 0, 1, 2, 1};
    Operand<TFloat32> gx = tf.nn.conv2d(grey, tf.constant(Shape.of(3, 3, 1, 1), DataBuffers.of(sobelX, true, false)), List.of(1L, 1L, 1L, 1L), "VALID");
    Operand<TFloat32> gy = tf.nn.conv2d(grey, tf.constant(Shape.of(3, 3, 1, 1), DataBuffers.of(sobelY, true, false)), List.of(1L, 1L, 1L, 1L), "VALID");
    edges = tf.math.sqrt(tf.math.add(tf.math.square(gx), tf.math.square(gy)));
    session = new Session(graph);
  }

  public double styleDistance(RgbImage image, RgbImage style) {
    List<float[]> a = run(image, analysisSize(image), grams);
    List<float[]> b = run(style, analysisSize(style), grams);
    double sum = 0;
    for (int layer = 0; layer < a.size(); layer++) {
      double error = 0;
      double energy = 0;
      for (int i = 0; i < a.get(layer).length; i++) {
        double d = a.get(layer)[i] - b.get(layer)[i];
        error += d * d;
        energy += (double) b.get(layer)[i] * b.get(layer)[i];
      }
      sum += error / energy;
    }
    return sum / a.size();
  }

  /** Both images are resampled to the first one's analysis grid (they should have the same aspect ratio). */
  public double edgeSimilarity(RgbImage image, RgbImage other) {
    int[] grid = analysisSize(image);
    float[] a = run(image, grid, List.of(edges)).get(0);
    float[] b = run(other, grid, List.of(edges)).get(0);
    return pearson(a, b);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  private static int[] analysisSize(RgbImage image) {
    double scale = (double) SIDE / Math.max(image.width(), image.height());
    return new int[] {(int) Math.round(image.height() * scale), (int) Math.round(image.width() * scale)};
  }

  private List<float[]> run(RgbImage image, int[] grid, List<Operand<TFloat32>> fetches) {
    try (TFloat32 pixels = StyleTransfer.pixels(image);
         TInt32 hw = TInt32.vectorOf(grid)) {
      Session.Runner runner = session.runner().feed(input, pixels).feed(size, hw);
      fetches.forEach(runner::fetch);
      try (Result out = runner.run()) {
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
          TFloat32 t = (TFloat32) out.get(i);
          float[] v = new float[Math.toIntExact(t.shape().size())];
          t.copyTo(DataBuffers.of(v, false, false));
          values.add(v);
        }
        return values;
      }
    }
  }

  private static double pearson(float[] a, float[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double cov = 0;
    double va = 0;
    double vb = 0;
    for (int i = 0; i < a.length; i++) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) * (a[i] - ma);
      vb += (b[i] - mb) * (b[i] - mb);
    }
    return cov / Math.sqrt(va * vb);
  }
}
