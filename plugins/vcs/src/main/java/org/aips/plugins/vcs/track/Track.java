package org.aips.plugins.vcs.track;

import io.vertx.core.json.JsonObject;

/**
 * One object followed across sampled frames: a constant-velocity motion model smoothed by an
 * alpha-beta filter (a light stand-in for ByteTrack's Kalman filter), its span in time, and its
 * best observation. Mutable; owned by one {@link Tracker}.
 */
public final class Track {

  enum State { TENTATIVE, TRACKED, LOST }

  /** How much a measurement moves the position (the rest trusts the prediction). */
  private static final double ALPHA = 0.6;
  /** How much the velocity follows the latest innovation. */
  private static final double BETA = 0.1;
  /** Weight of a new box's size against the smoothed one. */
  private static final double SIZE_GAIN = 0.6;

  private final long id;
  private State state;
  private double cx;
  private double cy;
  private double width;
  private double height;
  private double vx;
  private double vy;
  private int hits;
  private long lastFrame;
  private long firstTimeMs;
  private long lastTimeMs;
  private Best best;
  private String thumbnail;

  /** The observation a track is best shown by: its box, score, time and how good a picture it makes. */
  public record Best(Rect box, double score, long timeMs, long frame, double quality) {
  }

  Track(long id, Observation first, long frame, long timeMs, double quality) {
    this.id = id;
    this.state = State.TENTATIVE;
    this.cx = first.box().centreX();
    this.cy = first.box().centreY();
    this.width = first.box().width();
    this.height = first.box().height();
    this.hits = 1;
    this.lastFrame = frame;
    this.firstTimeMs = timeMs;
    this.lastTimeMs = timeMs;
    this.best = new Best(first.box(), first.score(), timeMs, frame, quality);
  }

  private Track(long id) {
    this.id = id;
  }

  public long id() {
    return id;
  }

  public int hits() {
    return hits;
  }

  public long firstTimeMs() {
    return firstTimeMs;
  }

  public long lastTimeMs() {
    return lastTimeMs;
  }

  public Best best() {
    return best;
  }

  /** A JPEG (base64) of the best observation, kept by the caller when {@link #bestIsFrom} the frame at hand. */
  public String thumbnail() {
    return thumbnail;
  }

  public void thumbnail(String base64Jpeg) {
    this.thumbnail = base64Jpeg;
  }

  public boolean bestIsFrom(long frame) {
    return best.frame() == frame;
  }

  State state() {
    return state;
  }

  void state(State next) {
    state = next;
  }

  long framesSinceSeen(long frame) {
    return frame - lastFrame;
  }

  /** Where the motion model puts the box at {@code frame}. */
  Rect predicted(long frame) {
    long dt = frame - lastFrame;
    return Rect.centred(cx + vx * dt, cy + vy * dt, width, height);
  }

  /** The box as last smoothed (for output at the frame it was matched). */
  public Rect box() {
    return Rect.centred(cx, cy, width, height);
  }

  void update(Observation seen, long frame, long timeMs, double quality) {
    long dt = Math.max(1, frame - lastFrame);
    double px = cx + vx * dt;
    double py = cy + vy * dt;
    double mx = seen.box().centreX();
    double my = seen.box().centreY();
    if (hits == 1) {
      // the first pair of observations gives the velocity outright
      vx = (mx - cx) / dt;
      vy = (my - cy) / dt;
      cx = mx;
      cy = my;
    } else {
      vx += BETA * (mx - px) / dt;
      vy += BETA * (my - py) / dt;
      cx = px + ALPHA * (mx - px);
      cy = py + ALPHA * (my - py);
    }
    width += SIZE_GAIN * (seen.box().width() - width);
    height += SIZE_GAIN * (seen.box().height() - height);
    hits++;
    lastFrame = frame;
    lastTimeMs = timeMs;
    if (quality > best.quality()) {
      best = new Best(seen.box(), seen.score(), timeMs, frame, quality);
    }
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("state", state.name()).put("cx", cx).put("cy", cy).put("w", width).put("h", height)
        .put("vx", vx).put("vy", vy).put("hits", hits).put("lastFrame", lastFrame).put("first", firstTimeMs).put("last", lastTimeMs)
        .put("best", new JsonObject().put("box", best.box().toJson()).put("score", best.score()).put("time", best.timeMs())
            .put("frame", best.frame()).put("quality", best.quality()));
    return thumbnail == null ? json : json.put("thumbnail", thumbnail);
  }

  static Track fromJson(JsonObject json) {
    Track track = new Track(json.getLong("id"));
    track.state = State.valueOf(json.getString("state"));
    track.cx = json.getDouble("cx");
    track.cy = json.getDouble("cy");
    track.width = json.getDouble("w");
    track.height = json.getDouble("h");
    track.vx = json.getDouble("vx");
    track.vy = json.getDouble("vy");
    track.hits = json.getInteger("hits");
    track.lastFrame = json.getLong("lastFrame");
    track.firstTimeMs = json.getLong("first");
    track.lastTimeMs = json.getLong("last");
    JsonObject best = json.getJsonObject("best");
    track.best = new Best(Rect.fromJson(best.getJsonObject("box")), best.getDouble("score"), best.getLong("time"), best.getLong("frame"),
        best.getDouble("quality"));
    track.thumbnail = json.getString("thumbnail");
    return track;
  }
}
