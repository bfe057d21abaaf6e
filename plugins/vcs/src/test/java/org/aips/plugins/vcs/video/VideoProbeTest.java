package org.aips.plugins.vcs.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoProbeTest {

  private final VideoProbe probe = new VideoProbe(10_000_000);

  @TempDir
  Path dir;

  @Test
  void aVideoIsProbedForLengthCodecAndFrameSize() throws Exception {
    VideoInfo info = probe.probe(TestClips.encode(dir.resolve("clip.avi"), 50, 10, false));
    assertThat(info.durationMs()).isBetween(4_900L, 5_100L);
    assertThat(info.codec()).isEqualTo("mpeg4");
    assertThat(info.width()).isEqualTo(TestClips.WIDTH);
    assertThat(info.height()).isEqualTo(TestClips.HEIGHT);
    assertThat(info.frameRate()).isEqualTo(10.0);
  }

  @Test
  void aFileCutShortIsRefusedAsTruncatedInAviAndMp4() throws Exception {
    for (Path video : List.of(TestClips.encode(dir.resolve("clip.avi"), 100, 10, false), TestClips.encode(dir.resolve("clip.mp4"), 100, 10, true))) {
      Path cut = TestClips.cut(video, 0.5);
      assertThatThrownBy(() -> probe.probe(cut)).as(video.getFileName().toString()).isInstanceOfSatisfying(VideoRejected.class,
          e -> assertThat(e.reason()).isEqualTo(VideoRejected.Reason.TRUNCATED));
    }
  }

  @Test
  void aFileThatIsNoVideoIsRefusedClearly() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.avi"), "{\"shapes\": []}\n".repeat(100));
    assertThatThrownBy(() -> probe.probe(text)).isInstanceOfSatisfying(VideoRejected.class,
        e -> assertThat(e.reason()).isEqualTo(VideoRejected.Reason.NOT_A_VIDEO));
    assertThatThrownBy(() -> probe.probe(dir.resolve("missing.mp4"))).isInstanceOf(VideoRejected.class);
  }

  @Test
  void framesAboveThePixelLimitAreRefused() throws Exception {
    Path video = TestClips.encode(dir.resolve("clip.avi"), 5, 10, false);
    assertThatThrownBy(() -> new VideoProbe(TestClips.WIDTH * TestClips.HEIGHT - 1).probe(video)).isInstanceOfSatisfying(VideoRejected.class,
        e -> assertThat(e.reason()).isEqualTo(VideoRejected.Reason.TOO_LARGE));
  }

  @Test
  void theSamplerTakesEveryNthFrameAndResumesOnTheSameFrames() throws Exception {
    Path video = TestClips.encode(dir.resolve("clip.mp4"), 40, 20, true);
    List<Long> all = new ArrayList<>();
    try (FrameSampler sampler = new FrameSampler(video, 5, 0)) {
      assertThat(sampler.samplesPerSecond()).isEqualTo(5.0);
      for (SampledFrame f; (f = sampler.next()) != null; ) {
        all.add(f.index());
        assertThat(f.timeMs()).isEqualTo(f.index() * 50);
        assertThat(f.rgb()).hasSize(TestClips.WIDTH * TestClips.HEIGHT * 3);
      }
    }
    assertThat(all).containsExactly(0L, 4L, 8L, 12L, 16L, 20L, 24L, 28L, 32L, 36L);
    List<Long> resumed = new ArrayList<>();
    try (FrameSampler sampler = new FrameSampler(video, 5, 13)) {
      for (SampledFrame f; (f = sampler.next()) != null; ) {
        resumed.add(f.index());
      }
    }
    assertThat(resumed).containsExactly(16L, 20L, 24L, 28L, 32L, 36L);
  }
}
