package org.aips.server.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanNumbersTest {

  @Test
  void aFloatEstimateReadsAsTheDecimalItWas() {
    assertThat((double) 0.05f).isEqualTo(0.05000000074505806);
    assertThat(CleanNumbers.seconds(0.05f)).isEqualTo(0.05);
    assertThat(Double.toString(CleanNumbers.seconds(0.05f))).isEqualTo("0.05");
    assertThat(CleanNumbers.seconds(12.3456789f)).isEqualTo(12.346);
    assertThat(CleanNumbers.seconds(3600f)).isEqualTo(3600.0);
  }

  @Test
  void progressKeepsAHundredthOfAPercent() {
    assertThat(CleanNumbers.fraction(0.3f)).isEqualTo(0.3);
    assertThat(CleanNumbers.fraction(1f / 3)).isEqualTo(0.3333);
    assertThat(CleanNumbers.fraction(1f)).isEqualTo(1.0);
  }
}
