package org.aips.plugins.vcs.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens files with FFmpeg (JavaCV), once quiet: decoder warnings would flood stderr, and failures surface as exceptions anyway. */
final class Ffmpeg {

  static {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private Ffmpeg() {
  }

  /** A started grabber on {@code file}'s video stream, or {@link VideoRejected} when there is none. Blocking. */
  static FFmpegFrameGrabber open(Path file, boolean rgb) {
    if (!Files.isRegularFile(file)) {
      throw new VideoRejected(VideoRejected.Reason.NOT_A_VIDEO, "no such video file");
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
    if (rgb) {
      grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
    }
    try {
      grabber.start();
    } catch (FrameGrabber.Exception e) {
      close(grabber);
      throw new VideoRejected(VideoRejected.Reason.NOT_A_VIDEO, "not a video FFmpeg can decode (" + e.getMessage() + ")");
    }
    if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      close(grabber);
      throw new VideoRejected(VideoRejected.Reason.NOT_A_VIDEO, "the file has no video stream");
    }
    return grabber;
  }

  static void close(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // only read: nothing to save
    }
  }
}
