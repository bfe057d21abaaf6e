package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.track.Tracker;
import org.aips.plugins.vcs.track.TrackerSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a device's analysis stands, saved as its task's checkpoint: the next frame index to
 * process, how many samples were processed, and each model's tracker with its live tracks. A run
 * resumed from it sees the same frames and makes the same tracks as an uninterrupted run.
 */
final class AnalysisState {

  long nextFrameIndex;
  long samples;
  long eventsPublished;
  final Map<String, Tracker> trackers = new LinkedHashMap<>();

  static AnalysisState resume(JsonObject checkpoint, Set<String> models, TrackerSettings settings, int width, int height) {
    AnalysisState state = new AnalysisState();
    JsonObject saved = checkpoint == null ? new JsonObject() : checkpoint;
    state.nextFrameIndex = saved.getLong("nextFrameIndex", 0L);
    state.samples = saved.getLong("samples", 0L);
    state.eventsPublished = saved.getLong("eventsPublished", 0L);
    JsonObject trackers = saved.getJsonObject("trackers", new JsonObject());
    for (String model : models) {
      JsonObject tracker = trackers.getJsonObject(model);
      state.trackers.put(model, tracker == null ? new Tracker(settings, width, height) : Tracker.fromJson(settings, width, height, tracker));
    }
    return state;
  }

  JsonObject toJson() {
    JsonObject trackerJson = new JsonObject();
    trackers.forEach((model, tracker) -> trackerJson.put(model, tracker.toJson()));
    return new JsonObject().put("nextFrameIndex", nextFrameIndex).put("samples", samples).put("eventsPublished", eventsPublished)
        .put("trackers", trackerJson);
  }
}
