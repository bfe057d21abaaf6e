package org.aips.server.style;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import java.util.List;

/** A differentiable feature extractor whose layer statistics define "style" and "content". */
public interface FeatureNet {

  /** The activations of each layer for a batch of RGB images with values 0..255 (NHWC). */
  List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> rgb);

  int layerCount();

  /** Index of the layer whose activations the result must keep from the content image. */
  int contentLayer();
}
