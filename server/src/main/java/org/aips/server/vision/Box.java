package org.aips.server.vision;

import io.vertx.core.json.JsonObject;

/** An axis-aligned box in image pixels. */
public record Box(double left, double top, double right, double bottom) {

  public double width() {
    return right - left;
  }

  public double height() {
    return bottom - top;
  }

  public double centerX() {
    return (left + right) / 2;
  }

  public double centerY() {
    return (top + bottom) / 2;
  }

  /** A square of side {@code max(width, height) * factor} around the same centre. */
  public Box squared(double factor) {
    double half = Math.max(width(), height()) * factor / 2;
    return new Box(centerX() - half, centerY() - half, centerX() + half, centerY() + half);
  }

  /** The part of this box given as fractions of its width and height. */
  public Box sub(double fromX, double fromY, double toX, double toY) {
    return new Box(left + fromX * width(), top + fromY * height(), left + toX * width(), top + toY * height());
  }

  public double iou(Box other) {
    double w = Math.min(right, other.right) - Math.max(left, other.left);
    double h = Math.min(bottom, other.bottom) - Math.max(top, other.top);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double inter = w * h;
    return inter / (width() * height() + other.width() * other.height() - inter);
  }

  public Box clippedTo(int imageWidth, int imageHeight) {
    return new Box(Math.max(0, left), Math.max(0, top), Math.min(imageWidth, right), Math.min(imageHeight, bottom));
  }

  public JsonObject toJson() {
    return new JsonObject().put("x", round(left)).put("y", round(top)).put("width", round(width())).put("height", round(height()));
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
