package org.aips.plugins.vcs.track;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerTest {

  private static final TrackerSettings SETTINGS = TrackerSettings.defaults(2 * SyntheticScene.FPS, 3);

  /** What a run reported: per track id, its box at each frame it was matched in. */
  private record Run(Map<Long, TreeMap<Integer, Rect>> reported, List<String> endings) {
  }

  /**
   * Ten scenes of 60 s with 14 walkers each, pooled as MOT benchmarks pool a data set's sequences;
   * no single scene may fall far below (crossings of two people of nearly the same size, one
   * hidden behind the other, are where identities still swap).
   */
  @Test
  void followsWalkersThroughNoiseMissesCrossingsAndOcclusionsWithIdf1AndMotaOf95Percent() {
    List<MotMetrics.Result> results = new ArrayList<>();
    for (long seed = 1; seed <= 10; seed++) {
      SyntheticScene scene = new SyntheticScene(seed, 600, 14, 0.10);
      Run run = track(scene, -1);
      MotMetrics.Result result = MotMetrics.evaluate(scene.truth, MotMetrics.trajectories(run.reported(), scene.truth.size()));
      assertThat(result.mota()).as("scene %d: %s", seed, result).isGreaterThanOrEqualTo(0.93);
      assertThat(result.idf1()).as("scene %d: %s", seed, result).isGreaterThanOrEqualTo(0.90);
      results.add(result);
    }
    MotMetrics.Result all = MotMetrics.Result.pooled(results);
    System.out.println("tracker on synthetic ground truth: " + all);
    assertThat(all.mota()).as("%s", all).isGreaterThanOrEqualTo(0.95);
    assertThat(all.idf1()).as("%s", all).isGreaterThanOrEqualTo(0.95);
    assertThat(all.predictedIds()).as("at most 1.25 tracks per walker").isBetween(140, 175);
  }

  @Test
  void aTrackerRestoredFromItsJsonContinuesExactlyAsAnUninterruptedOne() {
    SyntheticScene scene = new SyntheticScene(7, 400, 10, 0.10);
    Run straight = track(scene, -1);
    Run resumed = track(scene, 173);
    assertThat(resumed.endings()).isEqualTo(straight.endings());
    assertThat(resumed.reported().keySet()).isEqualTo(straight.reported().keySet());
  }

  @Test
  void theSameInputGivesTheSameTracks() {
    SyntheticScene scene = new SyntheticScene(11, 300, 8, 0.10);
    assertThat(track(scene, -1).endings()).isEqualTo(track(scene, -1).endings());
  }

  @Test
  void aFlickerShorterThanTheMinimumLengthIsNotReported() {
    Tracker tracker = new Tracker(SETTINGS, 1000, 800);
    Rect box = new Rect(100, 100, 50, 120);
    tracker.update(0, 0, List.of(new Observation(box, 0.9)));
    tracker.update(1, 100, List.of(new Observation(box, 0.9)));
    for (int f = 2; f < 40; f++) {
      assertThat(tracker.update(f, f * 100L, List.of()).ended()).isEmpty();
    }
    assertThat(tracker.finish()).isEmpty();
  }

  @Test
  void weakDetectionsExtendATrackButNeverStartOne() {
    Tracker tracker = new Tracker(SETTINGS, 1000, 800);
    for (int f = 0; f < 20; f++) {
      tracker.update(f, f * 100L, List.of(new Observation(new Rect(500, 100, 50, 120), 0.3)));
    }
    assertThat(tracker.live()).isEmpty();
    for (int f = 20; f < 40; f++) {
      double score = f < 25 ? 0.9 : 0.3; // confident at first, then weak (half hidden)
      tracker.update(f, f * 100L, List.of(new Observation(new Rect(100 + 5 * f, 100, 50, 120), score)));
    }
    List<Track> ended = tracker.finish();
    assertThat(ended).hasSize(1);
    assertThat(ended.get(0).hits()).isEqualTo(20);
    assertThat(ended.get(0).firstTimeMs()).isEqualTo(2000);
    assertThat(ended.get(0).lastTimeMs()).isEqualTo(3900);
  }

  @Test
  void theBestObservationIsTheLargestConfidentOneInsideTheFrame() {
    Tracker tracker = new Tracker(SETTINGS, 1000, 800);
    tracker.update(0, 0, List.of(new Observation(new Rect(0, 100, 80, 200), 0.95)));      // cut by the left edge
    tracker.update(1, 100, List.of(new Observation(new Rect(10, 100, 80, 200), 0.9)));    // inside, large
    tracker.update(2, 200, List.of(new Observation(new Rect(20, 100, 60, 150), 0.9)));    // inside, smaller
    tracker.update(3, 300, List.of(new Observation(new Rect(30, 100, 80, 200), 0.6)));    // inside, less sure
    Track track = tracker.finish().get(0);
    assertThat(track.best().timeMs()).isEqualTo(100);
    assertThat(track.best().score()).isEqualTo(0.9);
  }

  /** Tracks the scene; with {@code breakAt} ≥ 0, serialises the tracker there and continues with the copy. */
  private static Run track(SyntheticScene scene, int breakAt) {
    Tracker tracker = new Tracker(SETTINGS, SyntheticScene.WIDTH, SyntheticScene.HEIGHT);
    Map<Long, TreeMap<Integer, Rect>> boxes = new HashMap<>();
    Set<Long> reported = new HashSet<>();
    List<String> endings = new ArrayList<>();
    for (int f = 0; f < scene.detections.size(); f++) {
      if (f == breakAt) {
        tracker = Tracker.fromJson(SETTINGS, SyntheticScene.WIDTH, SyntheticScene.HEIGHT,
            new io.vertx.core.json.JsonObject(tracker.toJson().encode()));
      }
      Tracker.Step step = tracker.update(f, f * 100L, scene.detections.get(f));
      for (Track t : step.seen()) {
        boxes.computeIfAbsent(t.id(), id -> new TreeMap<>()).put(f, t.box());
      }
      for (Track t : step.ended()) {
        reported.add(t.id());
        endings.add(t.id() + "@" + f + ":" + t.firstTimeMs() + "-" + t.lastTimeMs() + "/" + t.best().timeMs());
      }
    }
    for (Track t : tracker.finish()) {
      reported.add(t.id());
      endings.add(t.id() + "@end:" + t.firstTimeMs() + "-" + t.lastTimeMs() + "/" + t.best().timeMs());
    }
    boxes.keySet().retainAll(reported);
    return new Run(boxes, endings);
  }
}
