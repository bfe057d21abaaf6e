package org.aips.server.style;

/**
 * The two task types' methods. Both minimise the same loss (Gatys et al., CVPR 2016: Gram
 * matrices of the feature layers pulled towards the style image's, the content layer's activations
 * towards the content image's, plus a smoothness term), starting from the content image in the
 * style's colours and refining coarse to fine. They differ in the schedule ({@link StylePlan}).
 */
public enum StyleMethod {

  /** Long schedule, most of it at full size: fine brush strokes. Minutes at the higher qualities on CPU. */
  DEEP_PAINT,

  /** Short schedule, most of it at half size: the style's colours and strokes, 10-25x faster. */
  FAST_STYLE
}
