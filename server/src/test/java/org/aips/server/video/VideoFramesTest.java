package org.aips.server.video;

import org.aips.server.vision.ImageRejected;
import org.aips.server.vision.RgbImage;
import org.aips.server.vision.VisionFailure;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Video decoding on a clip the test encodes itself (MPEG-4 Part 2 in AVI, with FFmpeg). */
class VideoFramesTest {

  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;

  @TempDir
  Path dir;

  @Test
  void samplesEveryNthFrameAsRgbInOrder() throws Exception {
    Path video = dir.resolve("clip.avi");
    // 20 frames: 0..9 red, 10..19 blue.
    record(video, 20, i -> i < 10 ? new int[] {230, 20, 20} : new int[] {20, 20, 230});
    try (VideoFrames frames = new VideoFrames(video, 1_000_000)) {
      assertThat(frames.width()).isEqualTo(WIDTH);
      assertThat(frames.height()).isEqualTo(HEIGHT);
      assertThat(frames.frameRate()).isEqualTo(10.0);
      List<RgbImage> sampled = frames.sample(5, 100);
      assertThat(sampled).hasSize(4);
      for (int i = 0; i < sampled.size(); i++) {
        RgbImage frame = sampled.get(i);
        assertThat(frame.width()).isEqualTo(WIDTH);
        boolean red = i < 2;
        assertThat(frame.at(WIDTH / 2, HEIGHT / 2, red ? 0 : 2)).as("frame %d", i * 5).isGreaterThan(180);
        assertThat(frame.at(WIDTH / 2, HEIGHT / 2, red ? 2 : 0)).as("frame %d", i * 5).isLessThan(70);
      }
      assertThat(frames.next()).as("the stream is exhausted").isNull();
    }
  }

  @Test
  void sampleStopsAtMax() throws Exception {
    Path video = dir.resolve("clip.avi");
    record(video, 20, i -> new int[] {128, 128, 128});
    try (VideoFrames frames = new VideoFrames(video, 1_000_000)) {
      assertThat(frames.sample(2, 3)).hasSize(3);
    }
  }

  @Test
  void aFileThatIsNoVideoIsRefusedClearly() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.avi"), "{\"shapes\": []}\n".repeat(50));
    assertThatThrownBy(() -> new VideoFrames(text, 1_000_000)).isInstanceOfSatisfying(ImageRejected.class, e -> {
      assertThat(e.failure()).isEqualTo(VisionFailure.INVALID_IMAGE);
      assertThat(e.getMessage()).contains("notes.avi");
    });
    assertThatThrownBy(() -> new VideoFrames(dir.resolve("missing.avi"), 1_000_000)).isInstanceOfSatisfying(ImageRejected.class,
        e -> assertThat(e.failure()).isEqualTo(VisionFailure.INVALID_IMAGE));
  }

  @Test
  void framesAboveThePixelLimitAreRefusedBeforeDecoding() throws Exception {
    Path video = dir.resolve("clip.avi");
    record(video, 3, i -> new int[] {0, 0, 0});
    assertThatThrownBy(() -> new VideoFrames(video, WIDTH * HEIGHT - 1)).isInstanceOfSatisfying(ImageRejected.class,
        e -> assertThat(e.failure()).isEqualTo(VisionFailure.IMAGE_TOO_LARGE));
  }

  private static void record(Path file, int count, java.util.function.IntFunction<int[]> colour) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
      recorder.setFormat("avi");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setFrameRate(10);
      recorder.setVideoQuality(2);
      recorder.start();
      for (int i = 0; i < count; i++) {
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int[] rgb = colour.apply(i);
        for (int y = 0; y < HEIGHT; y++) {
          for (int x = 0; x < WIDTH; x++) {
            int o = y * frame.imageStride + x * 3;
            pixels.put(o, (byte) rgb[0]).put(o + 1, (byte) rgb[1]).put(o + 2, (byte) rgb[2]);
          }
        }
        recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
      }
      recorder.stop();
    }
  }
}
