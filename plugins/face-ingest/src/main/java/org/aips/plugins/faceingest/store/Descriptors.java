package org.aips.plugins.faceingest.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import org.aips.plugins.faceingest.Settings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Descriptors as stored: float32 little-endian in a bytea (4 KiB for 1024 values, a third of their JSON). */
public final class Descriptors {

  private Descriptors() {
  }

  public static Buffer encode(float[] descriptor) {
    ByteBuffer bytes = ByteBuffer.allocate(descriptor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(descriptor);
    return Buffer.buffer(bytes.array());
  }

  public static float[] decode(Buffer stored) {
    float[] values = new float[stored.length() / 4];
    ByteBuffer.wrap(stored.getBytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /**
   * A descriptor given as JSON (by a search or another plugin), scaled to unit length.
   *
   * @throws IllegalArgumentException with a message for the caller unless it is {@link Settings#DESCRIPTOR_LENGTH} finite numbers, not all zero
   */
  public static float[] unitFromJson(Object json) {
    String shape = "each descriptor must be an array of " + Settings.DESCRIPTOR_LENGTH + " numbers";
    if (!(json instanceof JsonArray values) || values.size() != Settings.DESCRIPTOR_LENGTH) {
      throw new IllegalArgumentException(shape);
    }
    float[] descriptor = new float[Settings.DESCRIPTOR_LENGTH];
    double norm = 0;
    for (int i = 0; i < descriptor.length; i++) {
      if (!(values.getValue(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
        throw new IllegalArgumentException(shape);
      }
      descriptor[i] = number.floatValue();
      norm += (double) descriptor[i] * descriptor[i];
    }
    if (norm == 0) {
      throw new IllegalArgumentException("a descriptor must not be all zeros");
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < descriptor.length; i++) {
      descriptor[i] *= scale;
    }
    return descriptor;
  }
}
