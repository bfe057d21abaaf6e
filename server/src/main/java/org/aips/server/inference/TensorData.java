package org.aips.server.inference;

import java.util.Arrays;

/**
 * A named dense tensor travelling over the event bus: float32, or uint8 (images: 4x smaller on the
 * wire; the model's scale and offset turn them into floats). The first dimension is the batch.
 */
public record TensorData(String name, long[] shape, float[] floats, byte[] bytes) {

  public static TensorData ofFloats(String name, long[] shape, float[] values) {
    return new TensorData(name, shape, values, null);
  }

  public static TensorData ofBytes(String name, long[] shape, byte[] values) {
    return new TensorData(name, shape, null, values);
  }

  public boolean isUint8() {
    return bytes != null;
  }

  public int batch() {
    return (int) shape[0];
  }

  /** Values per batch item. */
  public int itemSize() {
    long size = 1;
    for (int i = 1; i < shape.length; i++) {
      size *= shape[i];
    }
    return Math.toIntExact(size);
  }

  /** The floats of batch item {@code index}. */
  public float[] item(int index) {
    int size = itemSize();
    return Arrays.copyOfRange(floats, index * size, (index + 1) * size);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + (isUint8() ? " uint8" : " float32");
  }
}
