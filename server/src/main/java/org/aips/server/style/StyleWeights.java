package org.aips.server.style;

/**
 * Loss weights and the feature network's seed ({@code style.*} in the configuration). The style
 * and content terms are relative errors (1 = as far as zero activations), the smoothness term the
 * mean squared neighbour difference in 0..1 pixel units.
 */
record StyleWeights(float style, float content, float smoothness, long seed) {

  static final StyleWeights DEFAULTS = new StyleWeights(1f, 0.25f, 2f, 20161206L);
}
