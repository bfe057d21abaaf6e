package org.aips.server.inference.loader;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replaces the fused and TensorFlow.js-only ops of converted graph models with plain TensorFlow
 * ops, so that the graph does not depend on TF-internal op definitions: {@code _FusedConv2D},
 * {@code FusedDepthwiseConv2dNative} and {@code _FusedMatMul} become op → BiasAdd → activation,
 * and {@code Prelu} (absent from TF) becomes {@code relu(x) + alpha * (x - relu(x))}. The last node
 * of every chain keeps the original name, so consumers and fetch names are unchanged.
 */
final class FusedOpRewrites {

  private static final Set<String> CONV_ATTRS = Set.of("T", "strides", "padding", "explicit_paddings", "data_format", "dilations");
  private static final Set<String> MATMUL_ATTRS = Set.of("T", "transpose_a", "transpose_b");

  private FusedOpRewrites() {
  }

  static GraphDef apply(GraphDef graph) {
    GraphDef.Builder rewritten = graph.toBuilder().clearNode();
    for (NodeDef node : graph.getNodeList()) {
      NodeDef clean = node.toBuilder().clearDevice().build();
      switch (clean.getOp()) {
        case "_FusedConv2D" -> rewritten.addAllNode(splitFused(clean, "Conv2D", CONV_ATTRS));
        case "FusedDepthwiseConv2dNative" -> rewritten.addAllNode(splitFused(clean, "DepthwiseConv2dNative", CONV_ATTRS));
        case "_FusedMatMul" -> rewritten.addAllNode(splitFused(clean, "MatMul", MATMUL_ATTRS));
        case "Prelu" -> rewritten.addAllNode(prelu(clean.getName(), clean.getInput(0), clean.getInput(1), clean.getAttrOrDefault("T", floatType())));
        default -> rewritten.addNode(clean);
      }
    }
    return rewritten.build();
  }

  /** inputs: x, weights, then one argument per fused op after the base op (bias, then e.g. the Prelu alpha). */
  private static List<NodeDef> splitFused(NodeDef fused, String baseOp, Set<String> baseAttrs) {
    List<String> fusedOps = fused.getAttrOrThrow("fused_ops").getList().getSList().stream().map(s -> s.toStringUtf8()).toList();
    AttrValue type = fused.getAttrOrDefault("T", floatType());
    String name = fused.getName();
    List<NodeDef> chain = new ArrayList<>();
    NodeDef.Builder base = NodeDef.newBuilder().setName(name + "/base").setOp(baseOp)
        .addInput(fused.getInput(0)).addInput(fused.getInput(1));
    fused.getAttrMap().forEach((key, value) -> {
      if (baseAttrs.contains(key)) {
        base.putAttr(key, value);
      }
    });
    copyControlInputs(fused, base);
    chain.add(base.build());
    String last = base.getName();
    int argument = 2;
    for (int i = 0; i < fusedOps.size(); i++) {
      String op = fusedOps.get(i);
      String output = i == fusedOps.size() - 1 ? name : name + "/" + op.toLowerCase();
      switch (op) {
        case "BiasAdd" -> {
          NodeDef.Builder bias = NodeDef.newBuilder().setName(output).setOp("BiasAdd").addInput(last)
              .addInput(fused.getInput(argument++)).putAttr("T", type);
          if (fused.containsAttr("data_format")) {
            bias.putAttr("data_format", fused.getAttrOrThrow("data_format"));
          }
          chain.add(bias.build());
        }
        case "Relu", "Relu6", "Elu", "Sigmoid", "Tanh" ->
            chain.add(NodeDef.newBuilder().setName(output).setOp(op).addInput(last).putAttr("T", type).build());
        case "Prelu" -> chain.addAll(prelu(output, last, fused.getInput(argument++), type));
        default -> throw new IllegalArgumentException("node " + name + " fuses unsupported op " + op);
      }
      last = output;
    }
    return chain;
  }

  private static List<NodeDef> prelu(String name, String x, String alpha, AttrValue type) {
    NodeDef relu = NodeDef.newBuilder().setName(name + "/prelu_pos").setOp("Relu").addInput(x).putAttr("T", type).build();
    NodeDef negative = NodeDef.newBuilder().setName(name + "/prelu_neg").setOp("Sub").addInput(x).addInput(relu.getName()).putAttr("T", type).build();
    NodeDef scaled = NodeDef.newBuilder().setName(name + "/prelu_scaled").setOp("Mul").addInput(alpha).addInput(negative.getName()).putAttr("T", type).build();
    NodeDef sum = NodeDef.newBuilder().setName(name).setOp("AddV2").addInput(relu.getName()).addInput(scaled.getName()).putAttr("T", type).build();
    return List.of(relu, negative, scaled, sum);
  }

  private static void copyControlInputs(NodeDef fused, NodeDef.Builder first) {
    fused.getInputList().stream().filter(input -> input.startsWith("^")).forEach(first::addInput);
  }

  private static AttrValue floatType() {
    return AttrValue.newBuilder().setType(org.tensorflow.proto.DataType.DT_FLOAT).build();
  }
}
