package org.aips.server.style;

import org.aips.server.inference.loader.TfjsGraphModel;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;

import java.nio.file.Path;
import java.util.List;

/** Which features style and content are measured with; builds the network into each pass's graph. */
@FunctionalInterface
public interface FeatureSource {

  FeatureNet create(Ops tf);

  /** Untrained multi-scale random filters ({@link RandomFeatures}). */
  static FeatureSource random(long seed) {
    return tf -> new RandomFeatures(tf, seed);
  }

  /** Early layers of a TensorFlow.js graph model; the model is read once, here. */
  static FeatureSource pretrained(Path modelJson, String input, List<String> layers, int contentLayer) {
    GraphDef backbone = TfjsGraphModel.toGraphDef(modelJson);
    return tf -> new PretrainedFeatures(backbone, input, layers, contentLayer);
  }

  /** The MobileNetV3 backbone of the model pack's CenterNet: five layers at strides 2, 2, 4, 8 and 8. */
  static FeatureSource centerNet(Path modelPack) {
    String base = "tower_0/MobilenetV3/";
    return pretrained(modelPack.resolve("human-models/models/centernet.json"), "tower_0/images", List.of(
        base + "Conv/hard_swish/mul_1",
        base + "expanded_conv_1/expand/Relu",
        base + "expanded_conv_2/expand/Relu",
        base + "expanded_conv_4/expand/Relu",
        base + "expanded_conv_6/expand/hard_swish/mul_1"), 3);
  }
}
