package org.aips.server.style;

import org.aips.server.vision.RgbImage;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Paints a content image in the style of another, by optimisation over a few passes from coarse to
 * fine ({@link StylePlan}). Blocking and CPU-heavy: call it from a thread of its own.
 */
public final class StyleTransfer {

  private final FeatureSource features;
  private final StyleWeights weights;
  private final ConfigProto sessionConfig;
  private final int maxSide;

  /**
   * @param maxSide the result's longest side never exceeds this, whatever the quality
   * @param threads TensorFlow intra-op threads (0 = one per core)
   */
  public StyleTransfer(FeatureSource features, StyleWeights weights, int maxSide, int threads) {
    this.features = features;
    this.weights = weights;
    this.maxSide = maxSide;
    this.sessionConfig = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(1)
        // Pools of its own: TensorFlow's global pools are sized by the first session of the process,
        // which on an inference node is a one-thread model session.
        .setUsePerSessionThreads(true)
        .setAllowSoftPlacement(true)
        .build();
  }

  /** The result's width and height for a content image: its aspect ratio, longest side capped, never enlarged. */
  public int[] outputSize(int contentWidth, int contentHeight, int quality, StyleMethod method) {
    int side = Math.min(maxSide, StylePlan.of(method, quality).longestSide());
    double scale = Math.min(1.0, (double) side / Math.max(contentWidth, contentHeight));
    return new int[] {Math.max(1, (int) Math.round(contentWidth * scale)), Math.max(1, (int) Math.round(contentHeight * scale))};
  }

  public int jpegQuality(StyleMethod method, int quality) {
    return StylePlan.of(method, quality).jpegQuality();
  }

  /**
   * @param progress receives the fraction done, 0..1, after every iteration
   * @param cancelled polled after every iteration; when true the work stops with a {@link CancellationException}
   */
  public RgbImage paint(RgbImage content, RgbImage style, StyleMethod method, int quality,
                        DoubleConsumer progress, BooleanSupplier cancelled) {
    StylePlan plan = StylePlan.of(method, quality);
    int[] size = outputSize(content.width(), content.height(), quality, method);
    double total = plan.fullSizeIterations();
    double done = 0;
    try (TFloat32 contentPixels = pixels(content); TFloat32 stylePixels = pixels(style)) {
      TFloat32 current = null; // the previous pass's result; the first pass starts from the content itself
      try {
        for (Pass pass : plan.passes()) {
          int width = pass.width(size[0]);
          int height = pass.height(size[1]);
          int[] styleSize = styleSize(style, width, height);
          stopIfCancelled(cancelled);
          try (PassGraph graph = new PassGraph(features, weights, current == null, width, height, styleSize[0], styleSize[1], sessionConfig)) {
            graph.prepare(contentPixels, stylePixels, current);
            for (int t = 1; t <= pass.iterations(); t++) {
              stopIfCancelled(cancelled);
              graph.step(t, pass.learningRate());
              done += pass.scale() * pass.scale();
              progress.accept(done / total);
            }
            if (current != null) {
              current.close();
            }
            current = graph.result();
          }
        }
        return toRgb(current, size[0], size[1]);
      } finally {
        if (current != null) {
          current.close();
        }
      }
    }
  }

  private static void stopIfCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("style transfer cancelled");
    }
  }

  /** The style image resampled to cover the same area as the result, so its strokes keep their size; never enlarged. */
  static int[] styleSize(RgbImage style, int width, int height) {
    double scale = Math.min(1.0, Math.sqrt((double) width * height / ((double) style.width() * style.height())));
    return new int[] {Math.max(16, (int) Math.round(style.width() * scale)), Math.max(16, (int) Math.round(style.height() * scale))};
  }

  static TFloat32 pixels(RgbImage image) {
    byte[] rgb = image.rgb();
    float[] values = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      values[i] = rgb[i] & 0xff;
    }
    return TFloat32.tensorOf(Shape.of(1, image.height(), image.width(), 3), DataBuffers.of(values, true, false));
  }

  private static RgbImage toRgb(TFloat32 pixels, int width, int height) {
    float[] values = new float[width * height * 3];
    pixels.copyTo(DataBuffers.of(values, false, false));
    byte[] rgb = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      rgb[i] = (byte) Math.round(Math.max(0, Math.min(255, values[i])));
    }
    return new RgbImage(width, height, rgb);
  }
}
