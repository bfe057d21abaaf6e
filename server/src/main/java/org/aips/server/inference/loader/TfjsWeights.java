package org.aips.server.inference.loader;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the weights of a TensorFlow.js graph model: each manifest group's shards are concatenated,
 * then every weight is taken in manifest order and turned into little-endian float32 or int32
 * bytes, undoing the converter's float16 and uint8/uint16 quantisation.
 */
final class TfjsWeights {

  /** One weight as TensorFlow wants it in a Const node: type, shape and raw little-endian bytes. */
  record Weight(String dtype, long[] shape, byte[] content) {
  }

  private TfjsWeights() {
  }

  static Map<String, Weight> read(Path modelJson, JsonArray manifest) throws IOException {
    Map<String, Weight> weights = new LinkedHashMap<>();
    for (Object groupValue : manifest) {
      JsonObject group = (JsonObject) groupValue;
      ByteBuffer data = ByteBuffer.wrap(concatenate(modelJson.getParent(), group.getJsonArray("paths").getList()))
          .order(ByteOrder.LITTLE_ENDIAN);
      for (Object weightValue : group.getJsonArray("weights")) {
        JsonObject weight = (JsonObject) weightValue;
        weights.put(weight.getString("name"), decode(modelJson, weight, data));
      }
      if (data.hasRemaining()) {
        throw new ModelFileException(modelJson, "weights manifest does not cover the shard bytes (" + data.remaining() + " left over)");
      }
    }
    return weights;
  }

  private static byte[] concatenate(Path folder, List<?> paths) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Object path : paths) {
      Path shard = folder.resolve(path.toString());
      if (!Files.isRegularFile(shard)) {
        throw new ModelFileException(shard, "weight shard is missing");
      }
      all.write(Files.readAllBytes(shard));
    }
    return all.toByteArray();
  }

  private static Weight decode(Path modelJson, JsonObject weight, ByteBuffer data) {
    long[] shape = weight.getJsonArray("shape").stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    int count = Math.toIntExact(elements(shape));
    String dtype = weight.getString("dtype");
    JsonObject quantization = weight.getJsonObject("quantization");
    ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (quantization == null) {
        if (!dtype.equals("float32") && !dtype.equals("int32")) {
          throw new ModelFileException(modelJson, "weight " + weight.getString("name") + " has unsupported dtype " + dtype);
        }
        byte[] raw = new byte[count * 4];
        data.get(raw);
        return new Weight(dtype, shape, raw);
      }
      switch (quantization.getString("dtype")) {
        case "float16" -> {
          for (int i = 0; i < count; i++) {
            out.putFloat(Float16.toFloat(data.getShort()));
          }
        }
        case "uint8", "uint16" -> {
          boolean bytes = quantization.getString("dtype").equals("uint8");
          float scale = quantization.getFloat("scale");
          float min = quantization.getFloat("min");
          for (int i = 0; i < count; i++) {
            int q = bytes ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
            float value = q * scale + min;
            if (dtype.equals("int32")) {
              out.putInt(Math.round(value));
            } else {
              out.putFloat(value);
            }
          }
        }
        default -> throw new ModelFileException(modelJson, "weight " + weight.getString("name")
            + " uses unsupported quantization " + quantization.getString("dtype"));
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new ModelFileException(modelJson, "weight shards are shorter than the manifest says (truncated download?)");
    }
    return new Weight(dtype, shape, out.array());
  }

  static long elements(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      count *= dim;
    }
    return count;
  }
}
