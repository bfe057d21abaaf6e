package org.aips.server.support;

import org.aips.server.vision.RgbImage;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encodes a picture as a lossy WebP with libwebp (Google's reference encoder, part of the FFmpeg
 * build the server uses for video), so the vision tests can send real WebP files of photos whose
 * faces and people are known without committing any.
 */
public final class WebpEncoder {

  private WebpEncoder() {
  }

  public static byte[] encode(RgbImage image) {
    try {
      Path file = Files.createTempFile("aips-test", ".webp");
      try {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), image.width(), image.height(), 0)) {
          recorder.setFormat("webp");
          recorder.setVideoCodec(avcodec.AV_CODEC_ID_WEBP);
          recorder.start();
          Frame frame = new Frame(image.width(), image.height(), Frame.DEPTH_UBYTE, 3);
          ByteBuffer pixels = (ByteBuffer) frame.image[0];
          int row = image.width() * 3;
          for (int y = 0; y < image.height(); y++) {
            pixels.position(y * frame.imageStride);
            pixels.put(image.rgb(), y * row, row);
          }
          pixels.rewind();
          recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
          recorder.stop();
        }
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
