package org.aips.server.vcs;

import org.aips.server.support.Photos;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Video clips the tests make themselves, so a fresh clone needs no test set: a camera panning
 * slowly over one of face-api's group photos (people with visible faces, in the model pack the
 * build fetches), encoded as MPEG-4 in AVI with FFmpeg.
 */
public final class VcsClips {

  static final int WIDTH = 640;
  static final int HEIGHT = 400;
  static final int FPS = 10;

  private VcsClips() {
  }

  /** {@code seconds} of video panning across face-api's sample {@code photo}. */
  public static Path panning(Path dir, int photo, int seconds) throws IOException {
    BufferedImage source = ImageIO.read(new ByteArrayInputStream(Photos.faceApiSample(photo)));
    // the photo scaled to 1.25 × the frame width, so the camera has room to pan
    int scaledW = WIDTH * 5 / 4;
    int scaledH = Math.max(HEIGHT, source.getHeight() * scaledW / source.getWidth());
    BufferedImage scene = new BufferedImage(scaledW, scaledH, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = scene.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, scaledW, scaledH, null);
    g.dispose();
    Path file = dir.resolve("panning-" + photo + "-" + seconds + "s.avi");
    int frames = seconds * FPS;
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
      recorder.setFormat("avi");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setFrameRate(FPS);
      recorder.setVideoQuality(3);
      recorder.start();
      for (int i = 0; i < frames; i++) {
        int x = (scaledW - WIDTH) * i / Math.max(1, frames - 1);
        int y = (scaledH - HEIGHT) / 2;
        recorder.record(frame(scene, x, y), avutil.AV_PIX_FMT_RGB24);
      }
      recorder.stop();
    }
    return file;
  }

  /** The first {@code bytes} of a video: an upload that broke off. */
  static Path truncated(Path video, long bytes) throws IOException {
    Path cut = video.resolveSibling("cut-" + video.getFileName());
    byte[] all = Files.readAllBytes(video);
    Files.write(cut, java.util.Arrays.copyOf(all, (int) Math.min(bytes, all.length)));
    return cut;
  }

  private static Frame frame(BufferedImage scene, int x0, int y0) {
    Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
    ByteBuffer pixels = (ByteBuffer) frame.image[0];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int rgb = scene.getRGB(x0 + x, y0 + y);
        int o = y * frame.imageStride + x * 3;
        pixels.put(o, (byte) (rgb >> 16)).put(o + 1, (byte) (rgb >> 8)).put(o + 2, (byte) rgb);
      }
    }
    return frame;
  }
}
