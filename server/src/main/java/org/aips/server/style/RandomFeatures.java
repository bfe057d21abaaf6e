package org.aips.server.style;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Image features from a small convolutional network with random, untrained weights: 3x3
 * convolutions and ReLUs, each block working on a 2x coarser grid than the one before, so the
 * layers see texture at growing scales. Random filters carry texture statistics well enough for
 * style transfer (Ustyuzhaninov et al., ICLR 2017; He et al., NeurIPS 2016) and need no weights
 * from anywhere: the same seed gives the same network on every node.
 *
 * <p>Weights are He-initialised (normal, variance 2 / fan-in) so every layer's activations have
 * the same order of magnitude; losses are normalised per layer in any case.
 */
final class RandomFeatures implements FeatureNet {

  /** Channels of each block; block {@code i > 0} runs after a 2x2 average pool. */
  static final int[] CHANNELS = {32, 64, 96, 128, 128};

  private final List<Operand<TFloat32>> kernels = new ArrayList<>();

  /** Creates the network's weights as constants of the graph behind {@code tf}. */
  RandomFeatures(Ops tf, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int in = 3;
    for (int out : CHANNELS) {
      float[] weights = new float[3 * 3 * in * out];
      double std = Math.sqrt(2.0 / (3 * 3 * in));
      for (int i = 0; i < weights.length; i++) {
        weights[i] = (float) (gaussian(random) * std);
      }
      kernels.add(tf.constant(Shape.of(3, 3, in, out), DataBuffers.of(weights, true, false)));
      in = out;
    }
  }

  @Override
  public int layerCount() {
    return CHANNELS.length;
  }

  @Override
  public int contentLayer() {
    return 2;
  }

  @Override
  public List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> rgb) {
    // Centre the 0..255 pixels; uncentred inputs would make every first-layer filter a brightness detector.
    Operand<TFloat32> x = tf.math.mul(tf.math.sub(rgb, tf.constant(127.5f)), tf.constant(1f / 64f));
    List<Operand<TFloat32>> layers = new ArrayList<>();
    for (int i = 0; i < kernels.size(); i++) {
      if (i > 0) {
        x = tf.nn.avgPool(x, List.of(1L, 3L, 3L, 1L), List.of(1L, 2L, 2L, 1L), "SAME");
      }
      // Mirrored borders: zero padding would add a dark frame to every texture statistic.
      x = tf.mirrorPad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), "REFLECT");
      x = tf.nn.relu(tf.nn.conv2d(x, kernels.get(i), List.of(1L, 1L, 1L, 1L), "VALID"));
      layers.add(x);
    }
    return layers;
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
