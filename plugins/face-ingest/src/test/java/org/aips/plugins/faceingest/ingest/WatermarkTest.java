package org.aips.plugins.faceingest.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTest {

  @Test
  void theResumePointStaysAtTheFirstUnfinishedRow() {
    Watermark mark = new Watermark(10);
    mark.done(12);
    mark.done(11);
    assertThat(mark.next()).as("row 10 is still in flight").isEqualTo(10);
    mark.done(10);
    assertThat(mark.next()).isEqualTo(13);
    mark.done(5);
    assertThat(mark.next()).as("rows before the start are ignored").isEqualTo(13);
  }
}
