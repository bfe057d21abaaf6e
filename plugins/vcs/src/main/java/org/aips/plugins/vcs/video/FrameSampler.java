package org.aips.plugins.vcs.video;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Every {@code step}-th frame of a video as RGB24, starting at a frame index (a resumed run's
 * checkpoint). The frames before it and between samples are decoded (inter-coded video needs its
 * predecessors) but not converted. Sampling by index, not by time, keeps a resumed run on exactly
 * the frames an uninterrupted one would take. Blocking; one instance per thread.
 */
public final class FrameSampler implements AutoCloseable {

  private final FFmpegFrameGrabber grabber;
  private final int step;
  private final long startIndex;
  private long nextIndex;

  /** Samples {@code framesPerSecond} frames a second of video (every frame of a slower one), from frame {@code startIndex}. */
  public FrameSampler(Path file, double framesPerSecond, long startIndex) {
    if (framesPerSecond <= 0 || startIndex < 0) {
      throw new IllegalArgumentException("framesPerSecond must be positive and startIndex not negative");
    }
    this.grabber = Ffmpeg.open(file, true);
    this.step = step(grabber.getFrameRate(), framesPerSecond);
    this.startIndex = startIndex;
  }

  /** Sampled frames per second of video. */
  public double samplesPerSecond() {
    double rate = grabber.getFrameRate();
    return rate > 0 ? rate / step : 1;
  }

  public int width() {
    return grabber.getImageWidth();
  }

  public int height() {
    return grabber.getImageHeight();
  }

  /** Frames per second as the container states it (0 if unknown). */
  public double frameRate() {
    return grabber.getFrameRate();
  }

  /** Frames per sample for {@code framesPerSecond} samples a second of a {@code videoRate} video (at least 1). */
  public static int step(double videoRate, double framesPerSecond) {
    return videoRate <= 0 ? 1 : Math.max(1, (int) Math.round(videoRate / framesPerSecond));
  }

  /** The next sampled frame, or null at the end of the stream; {@link VideoRejected} when the stream breaks off. */
  public SampledFrame next() {
    while (true) {
      boolean keep = nextIndex >= startIndex && nextIndex % step == 0;
      Frame frame;
      try {
        frame = grabber.grabFrame(false, true, keep, false, false);
      } catch (FrameGrabber.Exception e) {
        throw new VideoRejected(VideoRejected.Reason.TRUNCATED, "the video cannot be decoded past frame " + nextIndex + " (" + e.getMessage() + ")");
      }
      if (frame == null) {
        return null;
      }
      long index = nextIndex++;
      if (keep) {
        return new SampledFrame(index, frame.timestamp / 1000, frame.imageWidth, frame.imageHeight, rgb(frame));
      }
    }
  }

  /** Copies the RGB rows out of FFmpeg's buffer, dropping the row padding. */
  private static byte[] rgb(Frame frame) {
    ByteBuffer data = ((ByteBuffer) frame.image[0]).duplicate();
    int row = frame.imageWidth * 3;
    byte[] rgb = new byte[row * frame.imageHeight];
    for (int y = 0; y < frame.imageHeight; y++) {
      data.position(y * frame.imageStride);
      data.get(rgb, y * row, row);
    }
    return rgb;
  }

  @Override
  public void close() {
    Ffmpeg.close(grabber);
  }
}
