package org.aips.server.style;

/** One optimisation stage: the result at {@code scale} times the output size, refined {@code iterations} times. */
record Pass(double scale, int iterations, float learningRate) {

  int width(int outputWidth) {
    return Math.max(16, (int) Math.round(outputWidth * scale));
  }

  int height(int outputHeight) {
    return Math.max(16, (int) Math.round(outputHeight * scale));
  }
}
