package org.aips.server.inference;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary body of inference messages (docs/inference.md): an int count, then per tensor its name
 * (short length + UTF-8), dtype (0 uint8, 1 float32), rank, dims (longs) and the values
 * (float32 little-endian). Compact enough to carry images between cluster nodes.
 */
public final class TensorCodec {

  private static final byte UINT8 = 0;
  private static final byte FLOAT32 = 1;

  private TensorCodec() {
  }

  public static Buffer encode(List<TensorData> tensors) {
    Buffer out = Buffer.buffer();
    out.appendInt(tensors.size());
    for (TensorData tensor : tensors) {
      byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
      out.appendShort((short) name.length).appendBytes(name);
      out.appendByte(tensor.isUint8() ? UINT8 : FLOAT32).appendByte((byte) tensor.shape().length);
      for (long dim : tensor.shape()) {
        out.appendLong(dim);
      }
      if (tensor.isUint8()) {
        out.appendBytes(tensor.bytes());
      } else {
        ByteBuffer values = ByteBuffer.allocate(tensor.floats().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        values.asFloatBuffer().put(tensor.floats());
        out.appendBytes(values.array());
      }
    }
    return out;
  }

  public static List<TensorData> decode(Buffer in) {
    try {
      int pos = 0;
      int count = in.getInt(pos);
      pos += 4;
      List<TensorData> tensors = new ArrayList<>(count);
      for (int t = 0; t < count; t++) {
        short nameLength = in.getShort(pos);
        pos += 2;
        String name = in.getString(pos, pos + nameLength, "UTF-8");
        pos += nameLength;
        byte dtype = in.getByte(pos++);
        long[] shape = new long[in.getByte(pos++)];
        long elements = 1;
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.getLong(pos);
          pos += 8;
          elements *= shape[d];
        }
        int n = Math.toIntExact(elements);
        if (dtype == UINT8) {
          tensors.add(TensorData.ofBytes(name, shape, in.getBytes(pos, pos + n)));
          pos += n;
        } else {
          float[] values = new float[n];
          ByteBuffer.wrap(in.getBytes(pos, pos + n * 4)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
          tensors.add(TensorData.ofFloats(name, shape, values));
          pos += n * 4;
        }
      }
      return tensors;
    } catch (IndexOutOfBoundsException | ArithmeticException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("malformed tensor message: " + e.getMessage());
    }
  }
}
