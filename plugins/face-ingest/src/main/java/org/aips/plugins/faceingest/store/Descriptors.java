package org.aips.plugins.faceingest.store;

import io.vertx.core.buffer.Buffer;

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
}
