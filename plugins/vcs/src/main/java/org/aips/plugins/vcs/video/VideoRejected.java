package org.aips.plugins.vcs.video;

/** A file that cannot be analysed: not a video FFmpeg decodes, or one cut short. */
public final class VideoRejected extends RuntimeException {

  public enum Reason { NOT_A_VIDEO, TRUNCATED, TOO_LARGE }

  private final Reason reason;

  public VideoRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
