package org.aips.server.video;

import org.aips.server.vision.ImageRejected;
import org.aips.server.vision.RgbImage;
import org.aips.server.vision.VisionFailure;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes video files into {@link RgbImage} frames with FFmpeg (through JavaCV), for the objects
 * service's frame batches (docs/inference.md, "Video"). FFmpeg is used because the test set's
 * pedestrian video is MS-MPEG4 v3 (DIV3), which pure-Java decoders such as JCodec cannot read; it
 * also reads H.264/MP4 and whatever else the LGPL build of FFmpeg 7.1 decodes.
 *
 * <p>Blocking (file I/O and decoding): call it from a worker thread, never an event loop. One
 * instance reads one file and is not thread-safe.
 */
public final class VideoFrames implements AutoCloseable {

  static {
    // FFmpeg would print every decoder warning to stderr; failures still surface as exceptions.
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  /** Stands for a frame decoded but not converted (see {@link #sample}). */
  private static final RgbImage SKIPPED = new RgbImage(0, 0, new byte[0]);

  private final FFmpegFrameGrabber grabber;
  private final int width;
  private final int height;
  private int nextIndex;

  /**
   * Opens {@code file}; refuses it with {@link VisionFailure#INVALID_IMAGE} when FFmpeg finds no
   * video stream in it, and with {@link VisionFailure#IMAGE_TOO_LARGE} when a frame has more than
   * {@code maxPixels} pixels (the same limit as for images, checked before any frame is decoded).
   */
  public VideoFrames(Path file, long maxPixels) {
    if (!Files.isRegularFile(file)) {
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "no such video file: " + file);
    }
    grabber = new FFmpegFrameGrabber(file.toFile());
    // Frames come out as packed RGB24, the layout of RgbImage and of the objects service's rgb24 batches.
    grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception e) {
      closeQuietly();
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "not a video FFmpeg can decode: " + file.getFileName() + ": " + e.getMessage());
    }
    width = grabber.getImageWidth();
    height = grabber.getImageHeight();
    if (width <= 0 || height <= 0) {
      closeQuietly();
      throw new ImageRejected(VisionFailure.INVALID_IMAGE, "no video stream in " + file.getFileName());
    }
    if ((long) width * height > maxPixels) {
      closeQuietly();
      throw new ImageRejected(VisionFailure.IMAGE_TOO_LARGE,
          "video frames have " + (long) width * height + " pixels; the limit is " + maxPixels + " (limits.imagePixels)");
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Frames per second as the container states it (0 if unknown). */
  public double frameRate() {
    return grabber.getFrameRate();
  }

  /** The frame count as the container states it; an estimate for some formats, 0 if unknown. */
  public int frameCountHint() {
    return grabber.getLengthInFrames();
  }

  /** The next decoded frame, or null at the end of the stream. */
  public RgbImage next() {
    return grab(true);
  }

  /** Decodes the next frame; converts it to RGB only if {@code keep}. Null at the end of the stream. */
  private RgbImage grab(boolean keep) {
    Frame frame;
    try {
      // Video only (no audio, no data streams); "processing" is FFmpeg's conversion to RGB24.
      frame = grabber.grabFrame(false, true, keep, false, false);
    } catch (FrameGrabber.Exception e) {
      throw new ImageRejected(VisionFailure.TRUNCATED_IMAGE, "the video cannot be decoded past frame " + nextIndex + ": " + e.getMessage());
    }
    if (frame == null) {
      return null;
    }
    nextIndex++;
    return keep ? toRgb(frame) : SKIPPED;
  }

  /**
   * Every {@code step}-th frame (frames 0, step, 2·step, …), at most {@code max}. Frames in
   * between are decoded too (inter-coded video needs them) but not converted to RGB.
   */
  public List<RgbImage> sample(int step, int max) {
    if (step < 1 || max < 1) {
      throw new IllegalArgumentException("step and max must be positive");
    }
    List<RgbImage> frames = new ArrayList<>();
    while (frames.size() < max) {
      RgbImage frame = grab(nextIndex % step == 0);
      if (frame == null) {
        break;
      }
      if (frame != SKIPPED) {
        frames.add(frame);
      }
    }
    return frames;
  }

  /** Copies the RGB24 rows out of FFmpeg's buffer, dropping the row padding ({@code imageStride}). */
  private RgbImage toRgb(Frame frame) {
    ByteBuffer data = ((ByteBuffer) frame.image[0]).duplicate();
    int row = frame.imageWidth * 3;
    int stride = frame.imageStride;
    byte[] rgb = new byte[row * frame.imageHeight];
    for (int y = 0; y < frame.imageHeight; y++) {
      data.position(y * stride);
      data.get(rgb, y * row, row);
    }
    return new RgbImage(frame.imageWidth, frame.imageHeight, rgb);
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // Nothing useful to do: the file was only read.
    }
  }
}
