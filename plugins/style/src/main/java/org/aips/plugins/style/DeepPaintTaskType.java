package org.aips.plugins.style;

import org.aips.spi.services.StyleClient;

import org.pf4j.Extension;

/** {@code DeepPaint}: neural style transfer with fine brush strokes; minutes on a CPU at high quality (docs/style.md). */
@Extension
public final class DeepPaintTaskType extends StyleTaskType {

  @Override
  public String name() {
    return "DeepPaint";
  }

  @Override
  StyleClient.Method method() {
    return StyleClient.Method.DEEP_PAINT;
  }

  @Override
  double[] secondsByBand() {
    return new double[] {35, 55, 80, 140};
  }
}
