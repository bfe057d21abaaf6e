package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.aips.server.vcs.VcsClient;
import org.aips.server.vcs.VcsClips;
import org.aips.server.vcs.VcsSpeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * Video analysis speed (docs/vcs.md, "Speed"): each video analysed by a node with every role and
 * 2 inference workers at the default 5 frames/s, as a multiple of real time beside FFmpeg's
 * decode-only speed on the same file. The three test videos with -Daips.testdata; on a fresh
 * clone a 20 s clip the benchmark encodes (a pan over a group photo).
 */
@Tag("benchmark")
class VcsBenchmark {

  @Test
  void analysisSpeedAgainstDecodeOnly() throws Exception {
    Path dir = TestNode.newDataDir("vcs-bench");
    AipsServer node = TestNode.start(TestNode.config(dir, new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 2))));
    Vertx vertx = Vertx.vertx();
    System.out.printf("%n== AIPS video analysis benchmark: %d cores ==%n", Runtime.getRuntime().availableProcessors());
    try (VcsClient api = new VcsClient(vertx, node.httpPort(), Tokens.valid("sps-bench"))) {
      if (Photos.testdata().isPresent()) {
        Path videos = Photos.testdata().get().resolve("video");
        VcsSpeed.analyse(api, videos.resolve("pedestrians_vtest.avi"), List.of("body", "motor", "no_motor"));
        VcsSpeed.analyse(api, videos.resolve("street_traffic.mp4"), List.of("body", "motor", "no_motor"));
        VcsSpeed.analyse(api, videos.resolve("talking_face.mp4"), List.of("face"));
      } else {
        VcsSpeed.analyse(api, VcsClips.panning(dir, 1, 20), List.of("body", "face"));
      }
    } finally {
      node.close().await();
      vertx.close().await();
    }
  }
}
