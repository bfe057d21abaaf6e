package org.aips.plugins.vcs.analysis;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import org.aips.plugins.vcs.track.Observation;
import org.aips.plugins.vcs.track.Rect;
import org.aips.plugins.vcs.video.SampledFrame;
import org.aips.spi.services.Detection;
import org.aips.spi.services.Detections;
import org.aips.spi.services.FacesClient;
import org.aips.spi.services.ObjectsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks the vision services what a batch of frames holds, per model: one objects request for the
 * whole batch (RGB24 frames; the service spreads them over its inference workers) and one faces
 * request per frame. Answers, per frame in order, model → observations.
 */
final class FrameDetector {

  private final ObjectsClient objects;
  private final FacesClient faces;
  private final Set<String> models;

  FrameDetector(EventBus bus, Set<String> models) {
    this.objects = ObjectsClient.create(bus);
    this.faces = FacesClient.create(bus);
    this.models = models;
  }

  Future<List<Map<String, List<Observation>>>> detect(List<SampledFrame> batch) {
    Future<List<Detections>> objectAnswers = wantsObjects() ? objects.frames(concatenated(batch), batch.get(0).width(), batch.get(0).height())
        : Future.succeededFuture(List.of());
    List<Future<List<Observation>>> faceAnswers = new ArrayList<>();
    if (models.contains(Models.FACE)) {
      for (SampledFrame frame : batch) {
        faceAnswers.add(faces.faces(Images.bmp(frame), FacesClient.Options.boxesAndPose())
            .map(found -> found.faces().stream().map(f -> new Observation(rect(f.box()), f.score())).toList()));
      }
    }
    return Future.all(objectAnswers, Future.all(faceAnswers)).map(done -> {
      List<Map<String, List<Observation>>> perFrame = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Map<String, List<Observation>> found = new HashMap<>();
        for (String model : models) {
          found.put(model, new ArrayList<>());
        }
        if (wantsObjects()) {
          for (Detection d : objectAnswers.result().get(i).objects()) {
            d.category().filter(models::contains).ifPresent(category -> found.get(category).add(new Observation(rect(d.box()), d.score())));
          }
        }
        if (!faceAnswers.isEmpty()) {
          found.get(Models.FACE).addAll(faceAnswers.get(i).result());
        }
        perFrame.add(found);
      }
      return perFrame;
    });
  }

  private boolean wantsObjects() {
    return models.stream().anyMatch(Models.OBJECTS::contains);
  }

  private static Buffer concatenated(List<SampledFrame> batch) {
    Buffer all = Buffer.buffer(batch.size() * batch.get(0).rgb().length);
    batch.forEach(frame -> all.appendBytes(frame.rgb()));
    return all;
  }

  private static Rect rect(org.aips.spi.services.Box box) {
    return new Rect(box.x(), box.y(), box.width(), box.height());
  }
}
