package org.aips.spi.services;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Face groups ({@link ServiceAddresses#FACE_GROUPS_IDENTIFY}): who a face is, by its descriptor,
 * among the faces enrolled in a group. Served by the face-ingest plugin wherever it runs with its
 * database; without it calls fail {@link ServiceFailure#NOT_SERVED}, and a group that does not
 * exist fails {@link ServiceFailure#NOT_FOUND}.
 *
 * <p>Wire: request {@code {"group", "threshold", "descriptors": [[1024 numbers], ...]}} (no
 * descriptors: only checks that the group exists); reply {@code {"matches": [match or null, ...]}},
 * one per descriptor, a match being {@code {"faceId", "tag", "description", "similarity"}}.
 */
public final class FaceGroupsClient {

  /** The enrolled face most like a query face: its id and labels, and the cosine similarity of the two descriptors. */
  public record Identity(long faceId, String tag, String description, double similarity) {

    public JsonObject toJson() {
      return new JsonObject().put("faceId", faceId).put("tag", tag).put("description", description).put("similarity", similarity);
    }

    public static Identity fromJson(JsonObject json) {
      return new Identity(json.getLong("faceId"), json.getString("tag"), json.getString("description"), json.getDouble("similarity"));
    }
  }

  private final EventBus bus;

  private FaceGroupsClient(EventBus bus) {
    this.bus = bus;
  }

  public static FaceGroupsClient create(EventBus bus) {
    return new FaceGroupsClient(bus);
  }

  /** Fails {@link ServiceFailure#NOT_FOUND} unless the group exists. */
  public Future<Void> checkGroup(String group) {
    return identify(group, List.of(), 1).mapEmpty();
  }

  /** For each descriptor, the group's most similar face if its similarity is at least {@code threshold}. */
  public Future<List<Optional<Identity>>> identify(String group, List<float[]> descriptors, double threshold) {
    JsonArray queries = new JsonArray();
    for (float[] descriptor : descriptors) {
      JsonArray values = new JsonArray();
      for (float v : descriptor) {
        values.add(v);
      }
      queries.add(values);
    }
    JsonObject request = new JsonObject().put("group", group).put("threshold", threshold).put("descriptors", queries);
    return ServiceCalls.typed(bus.<JsonObject>request(ServiceAddresses.FACE_GROUPS_IDENTIFY, request), "face groups")
        .map(reply -> {
          List<Optional<Identity>> matches = new ArrayList<>();
          reply.body().getJsonArray("matches").forEach(m -> matches.add(Optional.ofNullable((JsonObject) m).map(Identity::fromJson)));
          return matches;
        });
  }
}
