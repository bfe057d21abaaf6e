package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three test videos of ../shared/testdata (with -Daips.testdata): people in the DIV3
 * pedestrian video as a plausible number of tracks, vehicles in the street clip, the face in the
 * talking-face clip. Prints each run's speed as a multiple of real time beside FFmpeg's
 * decode-only speed on the same file in the same JVM (docs/vcs.md, "Speed").
 */
@Tag("testdata")
class VcsTestdataTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static VcsClient api;

  @BeforeAll
  static void start() {
    // tagged testdata: it runs only with -Daips.testdata, and then the folder must be there (no silent skip)
    Photos.testdata().orElseThrow(() -> new IllegalStateException("run with -Daips.testdata=FOLDER"));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("vcs-testdata"), VcsNodes.allRoles(new JsonObject())));
    vertx = Vertx.vertx();
    api = new VcsClient(vertx, node.httpPort(), Tokens.valid("sps"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      api.close();
      node.close().await();
      vertx.close().await();
    }
  }

  @Test
  void pedestriansAreAPlausibleNumberOfBodyTracks() throws Exception {
    List<JsonObject> events = analyse("pedestrians_vtest.avi", List.of("body", "motor", "no_motor"));
    long bodies = events.stream().filter(e -> "body".equals(e.getString("model"))).count();
    // 2–8 people at a time over 79.5 s, walking in and out: tens of people, not hundreds of detections
    assertThat(bodies).isBetween(15L, 120L);
  }

  @Test
  void theStreetClipHasItsVehicles() throws Exception {
    List<JsonObject> events = analyse("street_traffic.mp4", List.of("body", "motor", "no_motor"));
    assertThat(events.stream().filter(e -> "motor".equals(e.getString("model")))).isNotEmpty();
  }

  @Test
  void theTalkingFaceIsOneFaceTrackWithADescriptor() throws Exception {
    List<JsonObject> faces = analyse("talking_face.mp4", List.of("face")).stream()
        .filter(e -> "face".equals(e.getString("model"))).toList();
    assertThat(faces).hasSizeBetween(1, 3);
    assertThat(faces.get(0).getJsonArray("descriptor")).hasSize(1024);
  }

  private static List<JsonObject> analyse(String name, List<String> models) throws Exception {
    return VcsSpeed.analyse(api, Photos.testdata().orElseThrow().resolve("video").resolve(name), models);
  }
}
