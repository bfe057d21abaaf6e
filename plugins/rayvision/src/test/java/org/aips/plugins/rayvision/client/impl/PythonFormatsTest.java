package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers and bodies as Python renders them, checked against reference data produced by CPython
 * ({@code src/test/resources/python}: 4000 doubles over the whole range with their {@code repr},
 * and bodies with their {@code json.dumps} text).
 */
class PythonFormatsTest {

  @Test
  void floatsAreRenderedAsPythonReprForTheWholeDoubleRange() throws IOException {
    List<String> lines = resource("/python/float-repr.txt").lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines).hasSizeGreaterThan(3000);
    for (String line : lines) {
      String[] parts = line.split(" ");
      double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
      assertThat(PythonFloat.repr(value)).as("repr of %s (bits %s)", value, parts[0]).isEqualTo(parts[1]);
    }
  }

  @Test
  void theSeedsExamplesAndTheSpecialValues() {
    assertThat(PythonText.of(1e16)).isEqualTo("1e+16");
    assertThat(PythonText.of(1e-5)).isEqualTo("1e-05");
    assertThat(PythonText.of(0.1)).isEqualTo("0.1");
    assertThat(PythonText.of(1.0)).isEqualTo("1.0");
    assertThat(PythonText.of(123456789.0)).isEqualTo("123456789.0");
    assertThat(PythonText.of(Double.NaN)).isEqualTo("nan");
    assertThat(PythonText.of(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(PythonText.of(-0.0)).isEqualTo("-0.0");
    assertThat(PythonText.of(new BigDecimal("0.67"))).isEqualTo("0.67");
    assertThat(PythonText.of(7L)).isEqualTo("7");
  }

  /** Independent of the reference file: every output reads back as the same double and no shorter decimal does. */
  @Test
  void randomDoublesGetTheShortestDigitsThatReadBack() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String text = PythonFloat.repr(d);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(d);
      BigDecimal shortest = PythonFloat.shortest(d);
      if (shortest.precision() > 1) {
        int fewer = shortest.precision() - 1;
        BigDecimal exact = new BigDecimal(d);
        assertThat(exact.round(new MathContext(fewer, RoundingMode.FLOOR)).doubleValue()).isNotEqualTo(d);
        assertThat(exact.round(new MathContext(fewer, RoundingMode.CEILING)).doubleValue()).isNotEqualTo(d);
      }
    }
  }

  @Test
  void bodiesAreEncodedByteForByteAsJsonDumps() throws IOException {
    List<String> lines = resource("/python/json-dumps.txt").lines().toList();
    assertThat(lines).hasSize(5);
    for (String line : lines) {
      assertThat(PythonJson.encode(new JsonObject(line))).isEqualTo(line);
    }
    String chinese = PythonJson.encode(new JsonObject().put("sceneName", "衣帽间.max"));
    assertThat(chinese).isEqualTo("{\"sceneName\": \"\\u8863\\u5e3d\\u95f4.max\"}");
    assertThat(chinese.chars().allMatch(c -> c < 128)).as("pure ASCII on the wire").isTrue();
    assertThat(PythonJson.encode(new JsonObject().put("n", Double.NaN).put("i", Double.POSITIVE_INFINITY)))
        .isEqualTo("{\"n\": NaN, \"i\": Infinity}");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PythonFormatsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
