package org.aips.plugins.vcs.analysis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.track.Observation;
import org.aips.plugins.vcs.track.Track;
import org.aips.plugins.vcs.track.Tracker;
import org.aips.plugins.vcs.video.FrameSampler;
import org.aips.plugins.vcs.video.SampledFrame;
import org.aips.spi.TaskContext;
import org.aips.spi.services.Face;
import org.aips.spi.services.FacesClient;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * One device's video, analysed on a worker thread: frames are decoded here while earlier batches
 * are at the vision services (up to {@code batchesInFlight}), results are tracked in frame order,
 * every ended track becomes one event (its face identified when the task names a face group), and a
 * checkpoint is saved every {@code checkpointEverySamples} samples, after the events it no longer
 * holds are stored.
 */
final class DeviceAnalysis {

  private record Batch(List<SampledFrame> frames, Future<List<Map<String, List<Observation>>>> detections) {
  }

  private final TaskContext context;
  private final AnalysisSettings settings;
  private final DeviceJob job;
  private final FrameDetector detector;
  private final EventPublisher publisher;
  private final FacesClient faces;
  private final FaceIdentifier identifier;
  private final JsonArray pending = new JsonArray();
  private AnalysisState state;
  private long totalSamples;

  DeviceAnalysis(TaskContext context, AnalysisSettings settings, DeviceJob job) {
    this.context = context;
    this.settings = settings;
    this.job = job;
    this.detector = new FrameDetector(context.eventBus(), job.models());
    this.publisher = new EventPublisher(context.eventBus());
    this.faces = FacesClient.create(context.eventBus());
    this.identifier = job.faceIdentification() == null ? null : new FaceIdentifier(context.eventBus(), job.faceIdentification());
  }

  JsonObject run(Path video) {
    JsonObject checkpoint = context.checkpoint().orElse(null);
    try (FrameSampler sampler = new FrameSampler(video, settings.framesPerSecond(), checkpoint == null ? 0 : checkpoint.getLong("nextFrameIndex", 0L))) {
      state = AnalysisState.resume(checkpoint, job.models(), settings.tracker(sampler.samplesPerSecond()), sampler.width(), sampler.height());
      totalSamples = settings.samples(job.durationMs(), sampler.frameRate());
      Deque<Batch> inFlight = new ArrayDeque<>();
      for (List<SampledFrame> frames; !(frames = read(sampler)).isEmpty(); ) {
        stopIfCancelled();
        inFlight.add(new Batch(frames, detector.detect(frames)));
        if (inFlight.size() >= settings.batchesInFlight()) {
          process(inFlight.poll());
        }
      }
      while (!inFlight.isEmpty()) {
        process(inFlight.poll());
      }
      state.trackers.forEach((model, tracker) -> tracker.finish().forEach(track -> pending.add(event(model, track))));
      flush();
      context.progress(1.0);
      return new JsonObject().put("samples", state.samples).put("events", state.eventsPublished);
    }
  }

  private List<SampledFrame> read(FrameSampler sampler) {
    List<SampledFrame> frames = new ArrayList<>();
    for (SampledFrame frame; frames.size() < settings.batchFrames() && (frame = sampler.next()) != null; ) {
      frames.add(frame);
    }
    return frames;
  }

  private void process(Batch batch) {
    List<Map<String, List<Observation>>> found = batch.detections().toCompletionStage().toCompletableFuture().join();
    for (int i = 0; i < batch.frames().size(); i++) {
      SampledFrame frame = batch.frames().get(i);
      long sample = state.samples;
      for (Map.Entry<String, Tracker> entry : state.trackers.entrySet()) {
        String model = entry.getKey();
        Tracker.Step step = entry.getValue().update(sample, frame.timeMs(), found.get(i).getOrDefault(model, List.of()));
        for (Track track : step.seen()) {
          if (track.bestIsFrom(sample)) {
            track.thumbnail(Base64.getEncoder().encodeToString(Images.jpegCrop(frame, track.best().box(), margin(model), settings.thumbnailMaxSide())));
          }
        }
        step.ended().forEach(track -> pending.add(event(model, track)));
      }
      state.samples++;
      state.nextFrameIndex = frame.index() + 1;
      if (state.samples % settings.checkpointEverySamples() == 0) {
        checkpoint();
      }
    }
    context.progress(Math.min(0.99, (double) state.samples / totalSamples)); // coalesced by the host: cheap per batch
  }

  /** Stores the events first: the checkpoint no longer holds their tracks. */
  private void checkpoint() {
    flush();
    stopIfCancelled();
    context.saveCheckpoint(state.toJson()).toCompletionStage().toCompletableFuture().join();
  }

  private void flush() {
    if (identifier != null) {
      identifier.identify(pending);
    }
    publisher.publish(job.computeTaskId(), job.deviceId(), pending);
    state.eventsPublished += pending.size();
    pending.clear();
  }

  private JsonObject event(String model, Track track) {
    JsonObject event = new JsonObject()
        .put("trackKey", model + "-" + track.id())
        .put("model", model)
        .put("startTime", job.videoBeginTime() + track.firstTimeMs())
        .put("endTime", job.videoBeginTime() + track.lastTimeMs())
        .put("bestTime", job.videoBeginTime() + track.best().timeMs())
        .put("box", track.best().box().toJson())
        .put("score", Math.round(track.best().score() * 1000) / 1000.0)
        .put("frames", track.hits())
        .put("thumbnail", track.thumbnail());
    if (Models.FACE.equals(model) && track.thumbnail() != null) {
      descriptor(track.thumbnail()).ifPresent(d -> event.put("descriptor", d));
    }
    return event;
  }

  /** The descriptor of the largest face in the thumbnail (the track's best picture of it). */
  private java.util.Optional<JsonArray> descriptor(String thumbnail) {
    var image = io.vertx.core.buffer.Buffer.buffer(Base64.getDecoder().decode(thumbnail));
    var found = faces.faces(image, FacesClient.Options.withDescriptors()).toCompletionStage().toCompletableFuture().join();
    return found.faces().stream().max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).map(DeviceAnalysis::values);
  }

  private static JsonArray values(Face face) {
    JsonArray values = new JsonArray();
    for (float v : face.descriptor()) {
      values.add(v);
    }
    return values;
  }

  /** Faces get more context around the box than bodies and vehicles: a face crop is useful to identify, so keep the head. */
  private static double margin(String model) {
    return Models.FACE.equals(model) ? 0.35 : 0.08;
  }

  private void stopIfCancelled() {
    if (context.isCancelled()) {
      throw new CancellationException("stopped at frame " + state.nextFrameIndex);
    }
  }
}
