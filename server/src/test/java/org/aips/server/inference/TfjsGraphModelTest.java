package org.aips.server.inference;

import org.aips.server.inference.loader.ModelFileException;
import org.aips.server.inference.loader.TfjsGraphModel;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfjsGraphModelTest {

  private static final Path MODELS = TestNode.MODEL_PACK.resolve("human-models/models");

  @Test
  void fusedAndTfjsOnlyOpsAreRewrittenKeepingNodeNames() {
    GraphDef graph = TfjsGraphModel.toGraphDef(MODELS.resolve("facemesh.json"));
    Set<String> ops = graph.getNodeList().stream().map(NodeDef::getOp).collect(Collectors.toSet());
    assertThat(ops).doesNotContain("_FusedConv2D", "Prelu", "FusedDepthwiseConv2dNative").contains("Conv2D", "BiasAdd");
    assertThat(graph.getNodeList()).extracting(NodeDef::getName).contains("Identity_2", "input_1");
    assertThat(graph.getNodeList()).allSatisfy(node -> assertThat(node.getDevice()).isEmpty());
  }

  @Test
  void missingModelFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("blazeface-back.json");
    assertThatThrownBy(() -> TfjsGraphModel.toGraphDef(missing))
        .isInstanceOf(ModelFileException.class).hasMessageContaining(missing.toString()).hasMessageContaining("missing");
  }

  @Test
  void truncatedWeightsAreNamed(@TempDir Path dir) throws IOException {
    Files.copy(MODELS.resolve("blazeface-back.json"), dir.resolve("blazeface-back.json"));
    byte[] weights = Files.readAllBytes(MODELS.resolve("blazeface-back.bin"));
    Files.write(dir.resolve("blazeface-back.bin"), Arrays.copyOf(weights, weights.length / 2));
    assertThatThrownBy(() -> TfjsGraphModel.toGraphDef(dir.resolve("blazeface-back.json")))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("blazeface-back.json").hasMessageContaining("truncated");
  }

  @Test
  void corruptModelJsonIsNamed(@TempDir Path dir) throws IOException {
    String json = Files.readString(MODELS.resolve("facemesh.json"));
    Files.writeString(dir.resolve("facemesh.json"), json.substring(0, json.length() / 3));
    assertThatThrownBy(() -> TfjsGraphModel.toGraphDef(dir.resolve("facemesh.json")))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("facemesh.json").hasMessageContaining("not valid model JSON");
  }
}
