package org.aips.plugins.faceingest.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Descriptors read back as written, from mapped chunks and from the unmapped tail alike, and across a reopen. */
class DescriptorFileTest {

  /** Chunks of 3 records, so that 10 records span three mapped chunks and a tail of one. */
  private static final long CHUNK = 3L * DescriptorFile.RECORD;

  @Test
  void everyRecordReadsBackAsWrittenWhetherItsChunkIsMappedYetOrNot(@TempDir Path folder) throws IOException {
    Path path = folder.resolve("descriptors.f32");
    try (DescriptorFile file = DescriptorFile.create(path, CHUNK)) {
      file.write(0, records(0, 2)); // part of chunk 0: read through the channel
      assertReads(file, 0, 2);
      file.write(2, records(2, 7)); // completes chunks 0 and 1: mapped
      assertReads(file, 0, 7);
      file.write(7, records(7, 10)); // chunk 2 and one record of chunk 3
      assertReads(file, 0, 10);
      file.force();
    }
    assertThat(Files.size(path)).isEqualTo(10L * DescriptorFile.RECORD);
    try (DescriptorFile reopened = DescriptorFile.open(path, 8, CHUNK)) { // committed at 8: the records after it are cut off
      assertThat(Files.size(path)).isEqualTo(8L * DescriptorFile.RECORD);
      assertReads(reopened, 0, 8);
      assertThatThrownBy(() -> reopened.read(9, new float[DescriptorFile.DIM])).isInstanceOf(IOException.class)
          .hasMessageContaining("ordinal 9");
      reopened.write(8, records(8, 10));
      assertReads(reopened, 0, 10);
    }
    assertThatThrownBy(() -> DescriptorFile.open(path, 11, CHUNK)).isInstanceOf(IOException.class).hasMessageContaining("shorter");
  }

  /** Distinct values per record and position, so that an off-by-one in either shows. */
  private static float[][] records(int from, int to) {
    return IntStream.range(from, to).mapToObj(DescriptorFileTest::record).toArray(float[][]::new);
  }

  private static float[] record(int ord) {
    float[] v = new float[DescriptorFile.DIM];
    for (int d = 0; d < v.length; d++) {
      v[d] = ord * 10_000 + d + 0.5f;
    }
    return v;
  }

  private static void assertReads(DescriptorFile file, int from, int to) throws IOException {
    float[] into = new float[DescriptorFile.DIM];
    for (int ord = from; ord < to; ord++) {
      file.read(ord, into);
      assertThat(into).as("record %d", ord).containsExactly(record(ord));
    }
  }
}
