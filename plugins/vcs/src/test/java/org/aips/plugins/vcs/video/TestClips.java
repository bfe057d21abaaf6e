package org.aips.plugins.vcs.video;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Clips the tests encode themselves: a grey square moving over a dark background, frame {@code i} marked by its position. */
final class TestClips {

  static final int WIDTH = 160;
  static final int HEIGHT = 96;

  private TestClips() {
  }

  /** {@code frames} frames at {@code fps}, MPEG-4 in AVI, or in MP4 with the index first (as streaming uploads have it). */
  static Path encode(Path file, int frames, int fps, boolean mp4) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
      recorder.setFormat(mp4 ? "mp4" : "avi");
      if (mp4) {
        recorder.setOption("movflags", "faststart");
      }
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setFrameRate(fps);
      recorder.setGopSize(fps);
      recorder.setVideoQuality(3);
      recorder.start();
      for (int i = 0; i < frames; i++) {
        recorder.record(frame(i), avutil.AV_PIX_FMT_RGB24);
      }
      recorder.stop();
    }
    return file;
  }

  static Path cut(Path video, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(video);
    return Files.write(video.resolveSibling("cut-" + video.getFileName()), Arrays.copyOf(all, (int) (all.length * fraction)));
  }

  private static Frame frame(int i) {
    Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
    ByteBuffer pixels = (ByteBuffer) frame.image[0];
    int left = (i * 2) % (WIDTH - 20);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        byte v = (byte) (x >= left && x < left + 20 && y >= 30 && y < 50 ? 200 : 20 + (x + y + i * 7) % 40);
        int o = y * frame.imageStride + x * 3;
        pixels.put(o, v).put(o + 1, v).put(o + 2, v);
      }
    }
    return frame;
  }
}
