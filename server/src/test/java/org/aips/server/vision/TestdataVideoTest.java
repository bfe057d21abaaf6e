package org.aips.server.vision;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Photos;
import org.aips.server.support.VisionBus;
import org.aips.server.support.VisionNode;
import org.aips.server.video.VideoFrames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Videos of the fuller test set (run with {@code -Daips.testdata=FOLDER}), decoded with
 * {@link VideoFrames} and sent to the objects service as batches of rgb24 frames. What each video
 * shows is in the set's MANIFEST.md.
 */
@Tag("testdata")
class TestdataVideoTest {

  private static final int FRAMES_PER_MESSAGE = 4;

  private final Path root = Photos.testdata().orElseThrow(() -> new IllegalStateException("run with -Daips.testdata=FOLDER"));
  private final VisionBus bus = new VisionBus(VisionNode.server().vertx());

  /** MS-MPEG4 v3 (DIV3) AVI, 768x576, 795 frames at 10 fps; 2–8 pedestrians walk at any time. */
  @Test
  void pedestriansAreFoundAsBodiesInMostSampledFrames() {
    List<RgbImage> frames;
    try (VideoFrames video = new VideoFrames(root.resolve("video/pedestrians_vtest.avi"), Long.MAX_VALUE)) {
      assertThat(video.width()).isEqualTo(768);
      assertThat(video.height()).isEqualTo(576);
      frames = video.sample(60, 100); // one frame every 6 s of the 79.5 s: frames 0, 60, …, 780
    }
    assertThat(frames).hasSize(14);
    List<JsonArray> objects = detect(frames);
    int withBodies = 0;
    int bodies = 0;
    List<Integer> perFrame = new ArrayList<>();
    for (JsonArray frame : objects) {
      int count = ObjectServiceTest.bodies(frame).size();
      perFrame.add(count);
      bodies += count;
      withBodies += count > 0 ? 1 : 0;
    }
    System.out.println("pedestrians_vtest.avi: bodies per sampled frame " + perFrame);
    assertThat(withBodies).as("frames with at least one body, of %d; per frame: %s", frames.size(), objects)
        .isGreaterThanOrEqualTo(frames.size() * 8 / 10);
    assertThat((double) bodies / frames.size()).as("bodies per sampled frame").isGreaterThanOrEqualTo(2.0); // the manifest: 2–8 walk at a time
  }

  /** H.264 MP4, 1000x562, 5 frames: a truck drives by, a car at the right edge, people on the far sidewalk. */
  @Test
  void theTruckAndCarOfTheStreetClipAreMotorInEveryFrame() {
    List<RgbImage> frames;
    try (VideoFrames video = new VideoFrames(root.resolve("video/street_traffic.mp4"), Long.MAX_VALUE)) {
      frames = video.sample(1, 100);
    }
    assertThat(frames).hasSize(5).allSatisfy(frame -> assertThat(frame.width()).isEqualTo(1000));
    for (JsonArray frame : detect(frames)) {
      assertThat(frame.stream().map(JsonObject.class::cast).map(o -> o.getString("category"))).as(frame.encode()).contains("motor");
    }
  }

  /** The objects of each frame, in order, sent {@value #FRAMES_PER_MESSAGE} frames to a message. */
  private List<JsonArray> detect(List<RgbImage> frames) {
    List<JsonArray> results = new ArrayList<>();
    for (int start = 0; start < frames.size(); start += FRAMES_PER_MESSAGE) {
      List<RgbImage> batch = frames.subList(start, Math.min(frames.size(), start + FRAMES_PER_MESSAGE));
      Buffer body = Buffer.buffer();
      batch.forEach(frame -> body.appendBytes(frame.rgb()));
      DeliveryOptions options = new DeliveryOptions().addHeader(VisionVerticle.FORMAT, VisionVerticle.RGB24)
          .addHeader(VisionVerticle.WIDTH, Integer.toString(batch.get(0).width()))
          .addHeader(VisionVerticle.HEIGHT, Integer.toString(batch.get(0).height()));
      for (Object frame : bus.request(Addresses.VISION_OBJECTS, body, options).getJsonArray("frames")) {
        results.add(((JsonObject) frame).getJsonArray("objects"));
      }
    }
    return results;
  }
}
