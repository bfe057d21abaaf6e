package org.aips.plugins.vcs.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ground truth and what a detector would report on it: people walking across a 1280×720 frame
 * (some toward each other, crossing; nearer ones lower in the picture and taller), sampled at 10 frames/s, with position and size noise,
 * 10 % missed detections, some confident and some weak (ByteTrack's low detections), occlusions
 * of one second, the farther of two crossing people hidden while they overlap, and low-score
 * clutter. Seeded: the same seed gives the same scene.
 */
final class SyntheticScene {

  static final int WIDTH = 1280;
  static final int HEIGHT = 720;
  static final int FPS = 10;

  record Truth(int id, Rect box) {
  }

  record Walker(int id, int enter, int leave, double x, double y, double vx, double vy, double w, double h, int occludedFrom) {
    Rect at(int frame) {
      int t = frame - enter;
      return new Rect(x + vx * t, y + vy * t, w, h);
    }

    boolean present(int frame) {
      return frame >= enter && frame < leave;
    }
  }

  final List<List<Truth>> truth = new ArrayList<>();
  final List<List<Observation>> detections = new ArrayList<>();

  SyntheticScene(long seed, int frames, int walkers, double missRate) {
    Random random = new Random(seed);
    List<Walker> people = new ArrayList<>();
    for (int i = 0; i < walkers; i++) {
      people.add(walker(random, i, frames, i % 2 == 0));
    }
    for (int f = 0; f < frames; f++) {
      List<Truth> frameTruth = new ArrayList<>();
      List<Observation> seen = new ArrayList<>();
      for (Walker w : people) {
        if (!w.present(f)) {
          continue;
        }
        Rect box = w.at(f);
        frameTruth.add(new Truth(w.id(), box));
        boolean occluded = w.occludedFrom() >= 0 && f >= w.occludedFrom() && f < w.occludedFrom() + FPS;
        if (occluded || hiddenBehindNearer(w, box, people, f) || random.nextDouble() < missRate) {
          continue;
        }
        seen.add(new Observation(noisy(random, box), score(random)));
      }
      if (random.nextDouble() < 0.3) {
        // clutter: weak detections of nothing, which must never become tracks
        seen.add(new Observation(new Rect(random.nextDouble() * 1100, random.nextDouble() * 500, 50, 120), 0.1 + random.nextDouble() * 0.3));
      }
      truth.add(frameTruth);
      detections.add(seen);
    }
  }

  private static Walker walker(Random random, int id, int frames, boolean rightward) {
    int duration = 60 + random.nextInt(120);
    int enter = random.nextInt(Math.max(1, frames - duration));
    // perspective: the lower the feet in the picture, the nearer and the taller the walker
    double feet = 330 + random.nextDouble() * 370;
    double h = feet * 0.32;
    double w = h * 0.4;
    double speed = (WIDTH + w) / duration;
    double y = feet - h;
    double x = rightward ? -w * 0.5 : WIDTH - w * 0.5;
    double vy = (random.nextDouble() - 0.5) * 1.0;
    int occluded = random.nextDouble() < 0.4 ? enter + 20 + random.nextInt(Math.max(1, duration - 40)) : -1;
    return new Walker(id, enter, enter + duration, x, y, rightward ? speed : -speed, vy, w, h, occluded);
  }

  /** Where two walk toward each other, the farther (the smaller) is hidden while the nearer covers most of it. */
  private static boolean hiddenBehindNearer(Walker me, Rect box, List<Walker> people, int frame) {
    for (Walker other : people) {
      boolean crossing = Math.signum(other.vx()) != Math.signum(me.vx());
      if (other != me && crossing && other.present(frame) && other.h() > me.h() * 1.05) {
        Rect front = other.at(frame);
        double overlapX = Math.min(box.x() + box.width(), front.x() + front.width()) - Math.max(box.x(), front.x());
        if (overlapX > box.width() * 0.6 && Math.abs(box.centreY() - front.centreY()) < front.height() * 0.5) {
          return true;
        }
      }
    }
    return false;
  }

  private static Rect noisy(Random random, Rect box) {
    double s = box.height() * 0.02;
    return new Rect(box.x() + random.nextGaussian() * s, box.y() + random.nextGaussian() * s,
        box.width() * (1 + random.nextGaussian() * 0.03), box.height() * (1 + random.nextGaussian() * 0.03));
  }

  private static double score(Random random) {
    // most detections are confident; one in six is weak and can only extend a track
    return random.nextDouble() < 1.0 / 6 ? 0.2 + random.nextDouble() * 0.29 : 0.55 + random.nextDouble() * 0.4;
  }
}
