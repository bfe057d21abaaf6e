package org.aips.plugins.style;

import org.aips.spi.services.StyleClient;

import org.pf4j.Extension;

/** {@code FastStyle}: the style's colours and large strokes in seconds (docs/style.md). */
@Extension
public final class FastStyleTaskType extends StyleTaskType {

  @Override
  public String name() {
    return "FastStyle";
  }

  @Override
  StyleClient.Method method() {
    return StyleClient.Method.FAST_STYLE;
  }

  @Override
  double[] secondsByBand() {
    return new double[] {5, 4, 5, 6};
  }
}
