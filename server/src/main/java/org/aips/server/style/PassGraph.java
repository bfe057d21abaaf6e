package org.aips.server.style;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The TensorFlow graph and session of one {@link Pass}: the result image is a variable, the loss
 * and its gradient are graph ops, and one {@link #step} runs Adam ({@code ApplyAdam}) and clips the
 * pixels to 0..255 in a single session call. Targets (style statistics, content activations) are
 * computed once by {@link #prepare} into variables, so the loop feeds nothing but three scalars.
 */
final class PassGraph implements AutoCloseable {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;

  private final Graph graph = new Graph();
  private final Session session;
  private final int width;
  private final int height;
  private final Placeholder<TFloat32> contentIn;
  private final Placeholder<TFloat32> styleIn;
  private final Placeholder<TFloat32> startIn;
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final List<Op> prepare = new ArrayList<>();
  private final Variable<TFloat32> image;
  private final Operand<TFloat32> loss;
  private final Assign<TFloat32> step;

  /**
   * @param width the result's size in this pass
   * @param styleWidth the style image is resampled to this size, so that its textures have the scale they will have in the result
   */
  PassGraph(FeatureSource features, StyleWeights weights, boolean firstPass, int width, int height, int styleWidth, int styleHeight, ConfigProto config) {
    this.width = width;
    this.height = height;
    Ops tf = Ops.create(graph);
    FeatureNet net = features.create(tf);
    contentIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    styleIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    startIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    learningRate = tf.placeholder(TFloat32.class);
    beta1Power = tf.placeholder(TFloat32.class);
    beta2Power = tf.placeholder(TFloat32.class);

    Shape imageShape = Shape.of(1, height, width, 3);
    image = tf.variable(imageShape, TFloat32.class);
    Variable<TFloat32> m = tf.variable(imageShape, TFloat32.class);
    Variable<TFloat32> v = tf.variable(imageShape, TFloat32.class);
    // Area resampling averages every source pixel: large inputs shrink without aliasing.
    Operand<TFloat32> contentPixels = tf.image.resizeArea(contentIn, size(tf, height, width));
    Operand<TFloat32> stylePixels = tf.image.resizeArea(styleIn, size(tf, styleHeight, styleWidth));
    // The first pass starts from the content in the style's colours (per-channel mean and deviation),
    // later passes from the previous pass's result.
    Operand<TFloat32> start = firstPass
        ? tf.clipByValue(adaIn(tf, contentPixels, stylePixels), tf.constant(0f), tf.constant(255f))
        : tf.image.resizeBilinear(startIn, size(tf, height, width), halfPixel());
    prepare.add(tf.assign(image, start));
    prepare.add(tf.assign(m, tf.zeros(tf.constant(imageShape), TFloat32.class)));
    prepare.add(tf.assign(v, tf.zeros(tf.constant(imageShape), TFloat32.class)));

    List<Operand<TFloat32>> content = net.apply(tf, contentPixels);
    List<Operand<TFloat32>> style = net.apply(tf, stylePixels);
    List<Operand<TFloat32>> result = net.apply(tf, image);

    List<Operand<TFloat32>> terms = new ArrayList<>();
    for (int layer = 0; layer < net.layerCount(); layer++) {
      Operand<TFloat32> styleGram = target(tf, gram(tf, style.get(layer)));
      terms.add(scaled(tf, relativeError(tf, gram(tf, result.get(layer)), styleGram), weights.style() / net.layerCount()));
    }
    Operand<TFloat32> contentActivations = target(tf, content.get(net.contentLayer()));
    terms.add(scaled(tf, relativeError(tf, result.get(net.contentLayer()), contentActivations), weights.content()));
    terms.add(scaled(tf, totalVariation(tf, image), weights.smoothness()));
    loss = tf.math.addN(terms);

    Operand<TFloat32> gradient = tf.gradients(loss, List.of(image)).dy(0);
    Op adam = tf.train.applyAdam(image, m, v, beta1Power, beta2Power, learningRate,
        tf.constant(BETA1), tf.constant(BETA2), tf.constant(1e-8f), gradient);
    // Clipping must read the image after Adam wrote it: every op of `after` waits for the update.
    Ops after = tf.withControlDependencies(List.of(adam));
    step = after.assign(image, after.clipByValue(after.identity(image), after.constant(0f), after.constant(255f)));
    session = new Session(graph, config);
  }

  /**
   * Computes the targets from the content and style images and starts the result from {@code start}
   * (any size, resampled), or on the first pass from the recoloured content ({@code start} null).
   */
  void prepare(TFloat32 content, TFloat32 style, TFloat32 start) {
    Session.Runner runner = session.runner().feed(contentIn, content).feed(styleIn, style);
    if (start != null) {
      runner.feed(startIn, start);
    }
    prepare.forEach(runner::addTarget);
    runner.run().close();
  }

  /** One Adam update (the {@code t}-th, from 1) of the result image; returns the loss before it. */
  float step(int t, float rate) {
    try (TFloat32 lr = TFloat32.scalarOf(rate);
         TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA1, t));
         TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA2, t));
         Result out = session.runner().feed(learningRate, lr).feed(beta1Power, b1).feed(beta2Power, b2)
             .addTarget(step).fetch(loss).run()) {
      return ((TFloat32) out.get(0)).getFloat();
    }
  }

  /** The current result, 0..255 floats, height x width x 3. */
  TFloat32 result() {
    try (Result out = session.runner().fetch(image).run()) {
      TFloat32 pixels = (TFloat32) out.get(0);
      float[] copy = new float[height * width * 3];
      pixels.copyTo(DataBuffers.of(copy, false, false));
      return TFloat32.tensorOf(Shape.of(1, height, width, 3), DataBuffers.of(copy, true, false));
    }
  }

  /** The operations one {@link #step} runs (for the benchmark's FLOP count). */
  Set<GraphOperation> stepOperations() {
    return graph.subgraphTo(Set.of(step));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  /** A variable holding {@code value} as computed by {@link #prepare}, so each step reads it instead of recomputing it. */
  private Operand<TFloat32> target(Ops tf, Operand<TFloat32> value) {
    Variable<TFloat32> held = tf.variable(Shape.unknown(), TFloat32.class);
    prepare.add(tf.assign(held, value, Assign.validateShape(false)));
    return held;
  }

  /** Channel co-occurrences F^T F / (positions), C x C. */
  static Operand<TFloat32> gram(Ops tf, Operand<TFloat32> activations) {
    long channels = activations.shape().get(3);
    Operand<TFloat32> flat = tf.reshape(activations, tf.constant(new long[] {-1, channels}));
    Operand<TFloat32> positions = tf.dtypes.cast(tf.shape.size(tf.shape(flat), tf.constant(0)), TFloat32.class);
    return tf.math.div(tf.linalg.matMul(flat, flat, MatMul.transposeA(true)), positions);
  }

  /** The content activations re-coloured with the style's per-channel mean and deviation (AdaIN). */
  private static Operand<TFloat32> adaIn(Ops tf, Operand<TFloat32> content, Operand<TFloat32> style) {
    Operand<TFloat32>[] c = moments(tf, content);
    Operand<TFloat32>[] s = moments(tf, style);
    Operand<TFloat32> normalised = tf.math.div(tf.math.sub(content, c[0]), c[1]);
    return tf.math.add(tf.math.mul(normalised, s[1]), s[0]);
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] moments(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> spatial = tf.constant(new int[] {1, 2});
    Operand<TFloat32> mean = tf.math.mean(x, spatial, Mean.keepDims(true));
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), spatial, Mean.keepDims(true));
    return new Operand[] {mean, tf.math.sqrt(tf.math.add(variance, tf.constant(1e-5f)))};
  }

  /** |x - target|² / |target|²: each layer counts alike whatever the scale of its activations. */
  private static Operand<TFloat32> relativeError(Ops tf, Operand<TFloat32> x, Operand<TFloat32> target) {
    Operand<TFloat32> error = tf.reduceSum(tf.math.squaredDifference(x, target), allAxes(tf, x));
    Operand<TFloat32> energy = tf.reduceSum(tf.math.square(target), allAxes(tf, target));
    return tf.math.div(error, tf.math.add(energy, tf.constant(1e-6f)));
  }

  /** Mean squared difference of neighbouring pixels, in 0..1 units. */
  private static Operand<TFloat32> totalVariation(Ops tf, Operand<TFloat32> image) {
    // Differences as depthwise convolutions with [-1, 1] kernels: their gradient is registered, Slice's is not needed.
    float[] pair = {-1, -1, -1, 1, 1, 1};
    Operand<TFloat32> dx = tf.nn.depthwiseConv2dNative(image, tf.constant(Shape.of(1, 2, 3, 1), DataBuffers.of(pair, true, false)),
        List.of(1L, 1L, 1L, 1L), "VALID");
    Operand<TFloat32> dy = tf.nn.depthwiseConv2dNative(image, tf.constant(Shape.of(2, 1, 3, 1), DataBuffers.of(pair, true, false)),
        List.of(1L, 1L, 1L, 1L), "VALID");
    Operand<TFloat32> sum = tf.math.add(tf.reduceSum(tf.math.square(dx), allAxes(tf, dx)), tf.reduceSum(tf.math.square(dy), allAxes(tf, dy)));
    return tf.math.div(sum, tf.constant(255f * 255f * image.shape().size()));
  }

  private static Operand<TFloat32> scaled(Ops tf, Operand<TFloat32> term, float weight) {
    return tf.math.mul(term, tf.constant(weight));
  }

  private static Operand<TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }

  private static Operand<TInt32> size(Ops tf, int height, int width) {
    return tf.constant(new int[] {height, width});
  }

  private static ResizeBilinear.Options halfPixel() {
    return ResizeBilinear.halfPixelCenters(true);
  }
}
