package org.aips.plugins.vcs.analysis;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.task.FaceIdentification;
import org.aips.spi.TaskFailure;
import org.aips.spi.services.FaceGroupsClient;
import org.aips.spi.services.ServiceException;
import org.aips.spi.services.ServiceFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Identifies a batch of face events against the task's face group, in one request to the face
 * groups service: each event with a descriptor gets {@code identity} (the best match at or above
 * the threshold) or {@code null}. The same events give the same answers, so a run repeated from a
 * checkpoint stores what the first one would have.
 */
final class FaceIdentifier {

  private final FaceGroupsClient groups;
  private final FaceIdentification identification;

  FaceIdentifier(EventBus bus, FaceIdentification identification) {
    this.groups = FaceGroupsClient.create(bus);
    this.identification = identification;
  }

  /** Blocking (worker threads only). */
  void identify(JsonArray events) {
    List<JsonObject> faces = new ArrayList<>();
    List<float[]> descriptors = new ArrayList<>();
    for (Object o : events) {
      JsonObject event = (JsonObject) o;
      JsonArray descriptor = event.getJsonArray("descriptor");
      if (descriptor != null) {
        faces.add(event);
        descriptors.add(floats(descriptor));
      }
    }
    if (faces.isEmpty()) {
      return;
    }
    List<Optional<FaceGroupsClient.Identity>> found;
    try {
      found = groups.identify(identification.group(), descriptors, identification.threshold()).toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ServiceException service && service.failure() == ServiceFailure.NOT_FOUND) {
        throw TaskFailure.permanent("face group \"" + identification.group() + "\" does not exist any more", service);
      }
      throw e; // the analysis's rules: wait while no node serves face groups, retry other failures
    }
    for (int i = 0; i < faces.size(); i++) {
      faces.get(i).put("identity", found.get(i).map(FaceGroupsClient.Identity::toJson).orElse(null));
    }
  }

  private static float[] floats(JsonArray values) {
    float[] floats = new float[values.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = values.getNumber(i).floatValue();
    }
    return floats;
  }
}
