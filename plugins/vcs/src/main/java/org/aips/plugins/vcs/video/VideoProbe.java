package org.aips.plugins.vcs.video;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Path;

/**
 * Probes a video: the container's stream information, then every packet of the video stream
 * (read, not decoded: I/O speed) to find where the data really ends. A file whose video data
 * stops well before the length its container declares was cut short (an interrupted upload).
 * Blocking: worker threads only.
 */
public final class VideoProbe {

  /** Data may end this much before the declared length (last frame's duration, rounding). */
  private static final long TOLERANCE_MS = 1_000;

  private final long maxPixels;

  public VideoProbe(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  public VideoInfo probe(Path file) {
    FFmpegFrameGrabber grabber = Ffmpeg.open(file, false);
    try {
      int width = grabber.getImageWidth();
      int height = grabber.getImageHeight();
      if ((long) width * height > maxPixels) {
        throw new VideoRejected(VideoRejected.Reason.TOO_LARGE, "frames of " + width + "x" + height + " exceed the limit of " + maxPixels + " pixels");
      }
      double rate = grabber.getFrameRate();
      // the longer of the container's duration and its frame count (an AVI's header keeps the frame count of the whole file)
      long framesMs = rate > 0 && grabber.getFormatContext().streams(grabber.getVideoStream()).nb_frames() > 0
          ? Math.round(grabber.getFormatContext().streams(grabber.getVideoStream()).nb_frames() * 1000 / rate) : 0;
      long declaredMs = Math.max(grabber.getLengthInTime() / 1000, framesMs);
      String codec = codecName(grabber);
      long lastMs = lastVideoPacketMs(grabber, rate);
      if (lastMs < 0) {
        throw new VideoRejected(VideoRejected.Reason.NOT_A_VIDEO, "the file has a video stream but no frames");
      }
      if (declaredMs > 0 && lastMs + TOLERANCE_MS < declaredMs) {
        throw new VideoRejected(VideoRejected.Reason.TRUNCATED,
            "the video is cut short: its data ends at " + lastMs + " ms of the " + declaredMs + " ms its header declares");
      }
      long durationMs = declaredMs > 0 ? declaredMs : lastMs + (rate > 0 ? Math.round(1000 / rate) : 0);
      return new VideoInfo(durationMs, codec, width, height, rate);
    } finally {
      Ffmpeg.close(grabber);
    }
  }

  private static String codecName(FFmpegFrameGrabber grabber) {
    String name = grabber.getVideoCodecName();
    if (name != null && !name.isBlank()) {
      return name;
    }
    return avcodec.avcodec_get_name(grabber.getVideoCodec()).getString();
  }

  /** The end time of the last video packet in ms, or -1 without any; a read error means a broken file. */
  private static long lastVideoPacketMs(FFmpegFrameGrabber grabber, double rate) {
    int stream = grabber.getVideoStream();
    var timeBase = grabber.getFormatContext().streams(stream).time_base();
    long startPts = grabber.getFormatContext().streams(stream).start_time();
    double unitMs = 1000.0 * timeBase.num() / timeBase.den();
    long last = -1;
    long frames = 0;
    try {
      for (AVPacket packet; (packet = grabber.grabPacket()) != null; ) {
        if (packet.stream_index() == stream) {
          long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (pts != avutil.AV_NOPTS_VALUE) {
            long base = startPts != avutil.AV_NOPTS_VALUE ? startPts : 0;
            last = Math.max(last, Math.round((pts - base + Math.max(packet.duration(), 0)) * unitMs));
          }
          frames++;
        }
        avcodec.av_packet_unref(packet);
      }
    } catch (FrameGrabber.Exception e) {
      throw new VideoRejected(VideoRejected.Reason.TRUNCATED, "the video cannot be read to its end (" + e.getMessage() + ")");
    }
    if (last < 0 && frames > 0 && rate > 0) {
      last = Math.round(frames * 1000 / rate);
    }
    return last;
  }
}
