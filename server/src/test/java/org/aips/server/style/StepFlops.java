package org.aips.server.style;

import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

import java.util.Set;

/**
 * Floating-point operations of one optimisation step, counted from the static shapes of its
 * convolutions and matrix products (forward and input-gradient). Element-wise ops are left out,
 * so the figure is a lower bound of the work done.
 */
final class StepFlops {

  private StepFlops() {
  }

  static long count(Set<GraphOperation> operations) {
    long flops = 0;
    for (GraphOperation op : operations) {
      flops += switch (op.type()) {
        // 2 x (output elements) x (kernel height x width x input channels)
        case "Conv2D" -> 2 * elements(op.output(0).shape()) * kernelVolume(op.input(1).shape());
        case "Conv2DBackpropInput" -> 2 * elements(op.input(2).shape()) * kernelVolume(op.input(1).shape());
        case "DepthwiseConv2dNative" -> 2 * elements(op.output(0).shape()) * op.input(1).shape().get(0) * op.input(1).shape().get(1);
        case "DepthwiseConv2dNativeBackpropInput" ->
            2 * elements(op.input(2).shape()) * op.input(1).shape().get(0) * op.input(1).shape().get(1);
        // 2 x M x N x K, with K = elements of A / M whatever its transposition
        case "MatMul" -> 2 * elements(op.output(0).shape()) * (elements(op.input(0).shape()) / rows(op));
        default -> 0;
      };
    }
    return flops;
  }

  private static long rows(GraphOperation matMul) {
    return matMul.output(0).shape().get(0);
  }

  private static long kernelVolume(Shape filter) {
    return filter.get(0) * filter.get(1) * filter.get(2);
  }

  private static long elements(Shape shape) {
    if (shape.isUnknown() || shape.hasUnknownDimension()) {
      throw new IllegalStateException("shape not static: " + shape);
    }
    return shape.size();
  }
}
