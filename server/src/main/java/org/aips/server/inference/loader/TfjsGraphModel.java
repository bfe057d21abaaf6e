package org.aips.server.inference.loader;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Converts a TensorFlow.js graph model ({@code model.json} + weight shards) into a TensorFlow
 * {@link GraphDef}: the topology is GraphDef JSON already; the weights go into the Const nodes;
 * fused and tfjs-only ops are rewritten by {@link FusedOpRewrites}.
 */
public final class TfjsGraphModel {

  private TfjsGraphModel() {
  }

  public static GraphDef toGraphDef(Path modelJson) {
    if (!Files.isRegularFile(modelJson)) {
      throw new ModelFileException(modelJson, "is missing (is the model pack fetched? see docs/inference.md)");
    }
    try {
      JsonObject model = new JsonObject(Files.readString(modelJson));
      JsonObject topology = model.getJsonObject("modelTopology");
      if (topology == null || model.getJsonArray("weightsManifest") == null) {
        throw new ModelFileException(modelJson, "is not a TensorFlow.js graph model (no modelTopology/weightsManifest)");
      }
      GraphDef.Builder graph = GraphDef.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(topology.encode(), graph);
      Map<String, TfjsWeights.Weight> weights = TfjsWeights.read(modelJson, model.getJsonArray("weightsManifest"));
      for (NodeDef.Builder node : graph.getNodeBuilderList()) {
        TfjsWeights.Weight weight = weights.remove(node.getName());
        if (weight != null) {
          node.putAttr("value", AttrValue.newBuilder().setTensor(tensor(node, weight)).build());
        }
      }
      if (!weights.isEmpty()) {
        throw new ModelFileException(modelJson, "weights without a Const node: " + weights.keySet());
      }
      return FusedOpRewrites.apply(graph.build());
    } catch (DecodeException | InvalidProtocolBufferException | ClassCastException e) {
      throw new ModelFileException(modelJson, "is not valid model JSON (corrupt download?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelFileException(modelJson, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The converter stores int64 constants as int32; widen them where the node declares DT_INT64. */
  private static TensorProto tensor(NodeDef.Builder node, TfjsWeights.Weight weight) {
    DataType declared = node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
    DataType stored = weight.dtype().equals("int32") ? DataType.DT_INT32 : DataType.DT_FLOAT;
    byte[] content = weight.content();
    if (declared == DataType.DT_INT64 && stored == DataType.DT_INT32) {
      content = widen(content);
      stored = DataType.DT_INT64;
    }
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long dim : weight.shape()) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
    }
    return TensorProto.newBuilder().setDtype(stored).setTensorShape(shape).setTensorContent(ByteString.copyFrom(content)).build();
  }

  private static byte[] widen(byte[] int32s) {
    ByteBuffer in = ByteBuffer.wrap(int32s).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(int32s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      out.putLong(in.getInt());
    }
    return out.array();
  }
}
