package org.aips.server.style;

import org.aips.server.support.Paintings;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.vision.ImageDecoder;
import org.aips.server.vision.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The painting engine on a real photo and a test-made painting, with the model pack's pretrained features. */
class StyleTransferTest {

  private static final ImageDecoder DECODER = new ImageDecoder(50_000_000L);
  private static StyleTransfer transfer;
  private static StyleMeasures measures;
  private static RgbImage content;
  private static RgbImage style;

  @BeforeAll
  static void load() {
    transfer = new StyleTransfer(FeatureSource.centerNet(TestNode.MODEL_PACK), StyleWeights.DEFAULTS, 1024, 0);
    measures = new StyleMeasures();
    content = DECODER.decode(Photos.faceApiSample(1));
    style = DECODER.decode(Paintings.swirls(400, 300));
  }

  @AfterAll
  static void close() {
    measures.close();
  }

  @Test
  void fastStyleTakesOnTheStyleAndKeepsTheContentsEdges() {
    List<Double> progress = new ArrayList<>();
    RgbImage result = transfer.paint(content, style, StyleMethod.FAST_STYLE, 0, progress::add, () -> false);

    assertThat(result.width()).isEqualTo(256);
    assertThat(result.height()).isEqualTo(Math.round(256f * content.height() / content.width()));
    assertStyledButRecognisable(result);
    assertThat(progress).isSorted().last().isEqualTo(1.0);
    assertThat(progress.get(progress.size() / 2)).isBetween(0.2, 0.8);
  }

  @Test
  void deepPaintTakesOnTheStyleAndKeepsTheContentsEdges() {
    RgbImage result = transfer.paint(content, style, StyleMethod.DEEP_PAINT, 0, p -> { }, () -> false);

    assertThat(result.width()).isEqualTo(256);
    assertStyledButRecognisable(result);
  }

  @Test
  void randomFeaturesAlsoCarryTheStyle() {
    StyleTransfer random = new StyleTransfer(FeatureSource.random(StyleWeights.DEFAULTS.seed()), StyleWeights.DEFAULTS, 1024, 0);
    assertStyledButRecognisable(random.paint(content, style, StyleMethod.FAST_STYLE, 0, p -> { }, () -> false));
  }

  @Test
  void aCancelledPaintingStopsWithinASecond() {
    AtomicLong cancelledAt = new AtomicLong();
    assertThatThrownBy(() -> transfer.paint(content, style, StyleMethod.DEEP_PAINT, 100, p -> {
      if (p > 0.05 && cancelledAt.get() == 0) {
        cancelledAt.set(System.nanoTime());
      }
    }, () -> cancelledAt.get() != 0)).isInstanceOf(CancellationException.class);
    assertThat((System.nanoTime() - cancelledAt.get()) / 1e9).isLessThan(1.0);
  }

  @Test
  void largeContentIsScaledDownToTheConfiguredMaximum() {
    StyleTransfer capped = new StyleTransfer(FeatureSource.random(1), StyleWeights.DEFAULTS, 600, 0);
    assertThat(capped.outputSize(1920, 1280, 100, StyleMethod.DEEP_PAINT)).containsExactly(600, 400);
    assertThat(capped.outputSize(1920, 1280, 30, StyleMethod.DEEP_PAINT)).containsExactly(384, 256);
    assertThat(capped.outputSize(200, 100, 100, StyleMethod.FAST_STYLE)).containsExactly(200, 100);
  }

  /** Much nearer the style's texture statistics than the photo was, with the photo's edges still there. */
  private static void assertStyledButRecognisable(RgbImage result) {
    double before = measures.styleDistance(content, style);
    double after = measures.styleDistance(result, style);
    assertThat(after).as("style distance after (before: %.3f)", before).isLessThan(before / 3);
    double kept = measures.edgeSimilarity(result, content);
    double unrelated = measures.edgeSimilarity(style, content);
    assertThat(kept).as("edge similarity to the content (the style's own: %.2f)", unrelated).isGreaterThan(0.2).isGreaterThan(unrelated + 0.15);
  }
}
