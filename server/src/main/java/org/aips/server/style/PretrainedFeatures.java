package org.aips.server.style;

import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Image features from the early layers of a pretrained network of the model pack (by default the
 * MobileNetV3 backbone of CenterNet, trained on COCO). The needed nodes of its GraphDef are rebuilt
 * on the given input, so the same weights can run on the content, the style and the result image
 * in one graph, and gradients flow through them.
 */
final class PretrainedFeatures implements FeatureNet {

  private final Map<String, NodeDef> nodes;
  private final String input;
  private final List<String> layers;
  private final int contentLayer;
  private final Map<String, Output<?>> constants = new HashMap<>();
  private int applications;

  /**
   * @param input the backbone's image placeholder (0..255 RGB)
   * @param layers the nodes whose activations are the feature layers, shallow to deep
   */
  PretrainedFeatures(GraphDef backbone, String input, List<String> layers, int contentLayer) {
    this.nodes = backbone.getNodeList().stream().collect(Collectors.toMap(NodeDef::getName, Function.identity()));
    this.input = input;
    this.layers = layers;
    this.contentLayer = contentLayer;
    for (String layer : layers) {
      if (!nodes.containsKey(layer)) {
        throw new IllegalArgumentException("the backbone has no node " + layer);
      }
    }
  }

  @Override
  public int layerCount() {
    return layers.size() + 1;
  }

  @Override
  public int contentLayer() {
    return contentLayer + 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> rgb) {
    String prefix = "backbone" + applications++ + "/";
    Map<String, Output<?>> built = new HashMap<>();
    built.put(input, rgb.asOutput());
    // The pixels themselves are the first layer: their Gram matrix is the colour covariance, which
    // the backbone's first layers (trained to ignore colour casts) hardly see.
    List<Operand<TFloat32>> out = new ArrayList<>();
    out.add(tf.math.mul(tf.math.sub(rgb, tf.constant(127.5f)), tf.constant(1f / 64f)));
    for (String layer : layers) {
      out.add((Operand<TFloat32>) build(tf, layer, prefix, built));
    }
    return out;
  }

  /** Rebuilds {@code name} and what it depends on; constants once per graph, other nodes once per application. */
  private Output<?> build(Ops tf, String reference, String prefix, Map<String, Output<?>> built) {
    String name = reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
    int index = reference.contains(":") ? Integer.parseInt(reference.substring(reference.indexOf(':') + 1)) : 0;
    NodeDef node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("the backbone has no node " + name);
    }
    boolean constant = node.getOp().equals("Const");
    Map<String, Output<?>> cache = constant ? constants : built;
    Output<?> output = cache.get(reference);
    if (output != null) {
      return output;
    }
    List<Output<?>> inputs = new ArrayList<>();
    for (String in : node.getInputList()) {
      if (in.startsWith("^")) {
        continue; // control inputs: none matter in an inference graph's feature path
      }
      inputs.add(build(tf, in, prefix, built));
    }
    OperationBuilder builder = tf.scope().env().opBuilder(node.getOp(), (constant ? "backbone/" : prefix) + name, tf.scope());
    inputs.forEach(builder::addInput);
    for (Map.Entry<String, AttrValue> attr : node.getAttrMap().entrySet()) {
      if (!attr.getKey().startsWith("_")) {
        builder.setAttr(attr.getKey(), attr.getValue());
      }
    }
    output = builder.build().output(index);
    cache.put(reference, output);
    return output;
  }
}
