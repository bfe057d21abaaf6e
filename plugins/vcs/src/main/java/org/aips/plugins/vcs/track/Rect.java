package org.aips.plugins.vcs.track;

import io.vertx.core.json.JsonObject;

/** A box in pixels: left, top, width, height (origin top left, as the vision services answer). */
public record Rect(double x, double y, double width, double height) {

  public static Rect centred(double cx, double cy, double width, double height) {
    return new Rect(cx - width / 2, cy - height / 2, width, height);
  }

  public double centreX() {
    return x + width / 2;
  }

  public double centreY() {
    return y + height / 2;
  }

  public double area() {
    return Math.max(0, width) * Math.max(0, height);
  }

  /** Intersection over union, 0 when the boxes do not overlap. */
  public double iou(Rect other) {
    double inter = intersection(other);
    return inter == 0 ? 0 : inter / (area() + other.area() - inter);
  }

  /** True when the box reaches within {@code margin} pixels of an edge of a {@code frameWidth} × {@code frameHeight} frame. */
  public boolean touchesEdge(int frameWidth, int frameHeight, double margin) {
    return x <= margin || y <= margin || x + width >= frameWidth - margin || y + height >= frameHeight - margin;
  }

  /** The share of the box's area inside a {@code frameWidth} × {@code frameHeight} frame. */
  public double visibleFraction(int frameWidth, int frameHeight) {
    double area = area();
    return area == 0 ? 0 : intersection(new Rect(0, 0, frameWidth, frameHeight)) / area;
  }

  private double intersection(Rect other) {
    double w = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
    double h = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
    return w <= 0 || h <= 0 ? 0 : w * h;
  }

  public JsonObject toJson() {
    return new JsonObject().put("x", round(x)).put("y", round(y)).put("width", round(width)).put("height", round(height));
  }

  public static Rect fromJson(JsonObject json) {
    return new Rect(json.getDouble("x"), json.getDouble("y"), json.getDouble("width"), json.getDouble("height"));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
