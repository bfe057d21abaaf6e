package org.aips.plugins.faceingest.search;

import org.aips.plugins.faceingest.Settings;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The full descriptors of an HNSW index ({@code descriptors.f32}): 1024 little-endian floats per
 * face at the ordinal its document names, appended by builds and catch-ups, read by the re-ranking
 * of every search (hundreds of records a query). Whole 64 MiB chunks (16,384 faces) are read through
 * memory maps, so a record costs a copy, not a system call; the tail that does not fill a chunk yet
 * is read with positional reads until it does. Maps are released by the garbage collector (Java 17 has no
 * unmap): a discarded index's pages stay mapped until then, its file already deleted.
 */
final class DescriptorFile implements Closeable {

  static final int DIM = Settings.DESCRIPTOR_LENGTH;
  static final int RECORD = DIM * 4;
  /** A whole number of records, small enough that the unmapped tail is a small part of any indexed group. */
  static final long CHUNK = 64L << 20;

  private final FileChannel channel;
  private final long chunk;
  private volatile FloatBuffer[] chunks = new FloatBuffer[0];

  private DescriptorFile(FileChannel channel, long chunk) throws IOException {
    this.channel = channel;
    this.chunk = chunk;
    mapFullChunks();
  }

  /** A new, empty file (whatever was there is removed), mapped in chunks of {@code chunk} bytes ({@link #CHUNK}; tests: smaller). */
  static DescriptorFile create(Path file, long chunk) throws IOException {
    return new DescriptorFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING), chunk);
  }

  /** The file of a committed index with {@code records} descriptors; records written after that commit are cut off. */
  static DescriptorFile open(Path file, long records, long chunk) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (channel.size() < records * RECORD) {
        throw new IOException(file + " is shorter than the index says");
      }
      channel.truncate(records * RECORD); // they are added again by the catch-up
      return new DescriptorFile(channel, chunk);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Writes {@code vectors} at ordinals {@code first}, {@code first + 1}, ... (thread-safe: callers draw disjoint ordinals). */
  void write(long first, float[][] vectors) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(vectors.length * RECORD).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      bytes.asFloatBuffer().put(v);
      bytes.position(bytes.position() + RECORD);
    }
    bytes.flip();
    long position = first * RECORD;
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    if (position >= (chunks.length + 1) * chunk) {
      mapFullChunks();
    }
  }

  /** Reads the descriptor at {@code ord} into {@code into} (1024 floats). */
  void read(long ord, float[] into) throws IOException {
    long offset = ord * RECORD;
    FloatBuffer[] mapped = chunks;
    int index = (int) (offset / chunk);
    if (index < mapped.length) {
      mapped[index].get((int) (offset % chunk) / 4, into); // absolute: safe from concurrent searches
      return;
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
    while (record.hasRemaining()) {
      if (channel.read(record, offset + record.position()) < 0) {
        throw new IOException("descriptors.f32 ends before ordinal " + ord);
      }
    }
    record.flip();
    record.asFloatBuffer().get(into);
  }

  /** Makes what was written durable. */
  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    chunks = new FloatBuffer[0];
    channel.close();
  }

  private synchronized void mapFullChunks() throws IOException {
    long full = channel.size() / chunk;
    if (full <= chunks.length) {
      return;
    }
    FloatBuffer[] mapped = Arrays.copyOf(chunks, (int) full);
    for (int i = chunks.length; i < full; i++) {
      mapped[i] = channel.map(FileChannel.MapMode.READ_ONLY, i * chunk, chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
    chunks = mapped;
  }
}
