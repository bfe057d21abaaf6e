package org.aips.plugins.vcs.track;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A ByteTrack-style multi-object tracker for one category (Zhang et al., 2022): every detection
 * counts, high-confidence ones are associated first (with all live tracks, lost ones included),
 * then low-confidence ones only with tracks that were tracked until now, so a person half hidden
 * keeps the id without low scores starting false tracks. Association is by IoU against each
 * track's predicted box; tracks seen in the last frame choose before lost ones. New tracks are tentative until matched again; a track unmatched for
 * more than {@link TrackerSettings#maxLostFrames} has ended, and is reported when matched in at
 * least {@link TrackerSettings#minHits} frames.
 *
 * <p>Deterministic (no randomness, ordered ties) and serialisable ({@link #toJson}), so a run
 * resumed from a checkpoint produces the same tracks and ids as an uninterrupted one.
 */
public final class Tracker {

  /** Least IoU for a tentative track to take a leftover high detection (ByteTrack's 0.7 cost). */
  private static final double TENTATIVE_IOU = 0.3;
  /** A box this close to the frame's edge is probably cut off: a worse picture of the object. */
  private static final double EDGE_MARGIN = 2;
  /** A lost track predicted to be less than this much inside the frame has walked out of it. */
  private static final double MIN_VISIBLE = 0.5;

  private final TrackerSettings settings;
  private final int frameWidth;
  private final int frameHeight;
  private final List<Track> tracks = new ArrayList<>();
  private long nextId = 1;

  /** What one frame changed: tracks seen in it (matched or new), and tracks that ended and are worth reporting. */
  public record Step(List<Track> seen, List<Track> ended) {
  }

  public Tracker(TrackerSettings settings, int frameWidth, int frameHeight) {
    this.settings = settings;
    this.frameWidth = frameWidth;
    this.frameHeight = frameHeight;
  }

  /** Takes one sampled frame's detections; {@code frame} counts sampled frames and must grow. */
  public Step update(long frame, long timeMs, List<Observation> observations) {
    List<Observation> high = filter(observations, o -> o.score() >= settings.highScore());
    List<Observation> low = filter(observations, o -> o.score() >= settings.lowScore() && o.score() < settings.highScore());
    List<Track> matched = new ArrayList<>();

    // tracked before lost (DeepSORT's matching cascade): a track lost a while must not take the
    // detection of one seen a frame ago, as it would where two people cross
    List<Track> tracked = filter(tracks, t -> t.state() == Track.State.TRACKED);
    Set<Observation> usedByTracked = associate(tracked, high, settings.matchIou(), frame, timeMs, matched);
    List<Observation> afterTracked = filter(high, o -> !usedByTracked.contains(o));
    List<Track> lost = filter(tracks, t -> t.state() == Track.State.LOST);
    Set<Observation> usedByLost = associate(lost, afterTracked, settings.matchIou(), frame, timeMs, matched);
    List<Observation> leftHigh = filter(afterTracked, o -> !usedByLost.contains(o));
    List<Track> confirmed = filter(tracks, t -> t.state() != Track.State.TENTATIVE);

    List<Track> stillTracked = filter(confirmed, t -> !matched.contains(t) && t.state() == Track.State.TRACKED);
    associate(stillTracked, low, settings.lowMatchIou(), frame, timeMs, matched);

    List<Track> tentative = filter(tracks, t -> t.state() == Track.State.TENTATIVE);
    Set<Observation> usedByTentative = associate(tentative, leftHigh, TENTATIVE_IOU, frame, timeMs, matched);

    List<Track> ended = new ArrayList<>();
    List<Track> removed = new ArrayList<>();
    for (Track track : tracks) {
      if (matched.contains(track)) {
        track.state(Track.State.TRACKED);
      } else if (track.state() == Track.State.TENTATIVE) {
        removed.add(track);
      } else {
        track.state(Track.State.LOST);
        // a lost track whose predicted box has left the picture ended there: kept, it would take over whoever enters next
        boolean gone = track.predicted(frame).visibleFraction(frameWidth, frameHeight) < MIN_VISIBLE;
        if (gone || track.framesSinceSeen(frame) > settings.maxLostFrames()) {
          removed.add(track);
          if (reportable(track)) {
            ended.add(track);
          }
        }
      }
    }
    tracks.removeAll(removed);
    for (Observation o : leftHigh) {
      if (!usedByTentative.contains(o) && o.score() >= settings.newTrackScore()) {
        Track born = new Track(nextId++, o, frame, timeMs, quality(o));
        tracks.add(born);
        matched.add(born);
      }
    }
    return new Step(matched, ended);
  }

  /** Ends every live track (the video is over); answers those worth reporting, oldest first. */
  public List<Track> finish() {
    List<Track> ended = filter(tracks, this::reportable);
    tracks.clear();
    return ended;
  }

  /** Live tracks, oldest first. */
  public List<Track> live() {
    return List.copyOf(tracks);
  }

  private boolean reportable(Track track) {
    return track.state() != Track.State.TENTATIVE && track.hits() >= settings.minHits();
  }

  private Set<Observation> associate(List<Track> candidates, List<Observation> observations, double minIou, long frame, long timeMs,
                                     List<Track> matched) {
    // by identity: two detections may be equal in value and still be two objects
    Set<Observation> used = Collections.newSetFromMap(new IdentityHashMap<>());
    if (candidates.isEmpty() || observations.isEmpty()) {
      return used;
    }
    List<Rect> predicted = candidates.stream().map(t -> t.predicted(frame)).toList();
    List<Rect> boxes = observations.stream().map(Observation::box).toList();
    for (Matching.Pair pair : Matching.greedy(predicted, boxes, minIou)) {
      Track track = candidates.get(pair.track());
      Observation seen = observations.get(pair.detection());
      track.update(seen, frame, timeMs, quality(seen));
      matched.add(track);
      used.add(seen);
    }
    return used;
  }

  /** How good a picture an observation makes: confident, large, and not cut by the frame's edge. */
  private double quality(Observation o) {
    double edge = o.box().touchesEdge(frameWidth, frameHeight, EDGE_MARGIN) ? 0.5 : 1.0;
    return o.score() * Math.sqrt(o.box().area()) * edge;
  }

  private static <T> List<T> filter(List<T> items, Predicate<T> keep) {
    List<T> kept = new ArrayList<>();
    for (T item : items) {
      if (keep.test(item)) {
        kept.add(item);
      }
    }
    return kept;
  }

  public JsonObject toJson() {
    JsonArray live = new JsonArray();
    tracks.forEach(t -> live.add(t.toJson()));
    return new JsonObject().put("nextId", nextId).put("tracks", live);
  }

  public static Tracker fromJson(TrackerSettings settings, int frameWidth, int frameHeight, JsonObject json) {
    Tracker tracker = new Tracker(settings, frameWidth, frameHeight);
    tracker.nextId = json.getLong("nextId");
    json.getJsonArray("tracks").forEach(t -> tracker.tracks.add(Track.fromJson((JsonObject) t)));
    return tracker;
  }
}
