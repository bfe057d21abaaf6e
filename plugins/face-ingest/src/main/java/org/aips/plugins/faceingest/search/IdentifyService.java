package org.aips.plugins.faceingest.search;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.faceingest.store.Descriptors;
import org.aips.spi.services.FaceGroupsClient;
import org.aips.spi.services.ServiceAddresses;
import org.aips.spi.services.ServiceFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Serves {@link ServiceAddresses#FACE_GROUPS_IDENTIFY} on this node (wire in {@link FaceGroupsClient}):
 * the best match of each descriptor in a group, through the same search the HTTP route uses, for
 * other plugins (the video service names a group to identify its face events against).
 */
public final class IdentifyService {

  /** Descriptors in one request: a flush of a device's face events is far fewer. */
  static final int MAX_DESCRIPTORS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(IdentifyService.class);

  private final GroupSearch search;

  private IdentifyService(GroupSearch search) {
    this.search = search;
  }

  public static MessageConsumer<JsonObject> register(EventBus bus, GroupSearch search) {
    return bus.consumer(ServiceAddresses.FACE_GROUPS_IDENTIFY, new IdentifyService(search)::handle);
  }

  private void handle(Message<JsonObject> message) {
    JsonObject body = message.body();
    String group = body == null ? null : body.getString("group");
    Object threshold = body == null ? null : body.getValue("threshold");
    JsonArray list = body == null ? null : body.getJsonArray("descriptors");
    if (group == null || group.isEmpty() || !(threshold instanceof Number t) || Math.abs(t.doubleValue()) > 1 || list == null
        || list.size() > MAX_DESCRIPTORS) {
      message.fail(ServiceFailure.BAD_REQUEST.code(), "expected {group, threshold (-1..1), descriptors (at most " + MAX_DESCRIPTORS + ")}");
      return;
    }
    float[][] queries = new float[list.size()][];
    try {
      for (int i = 0; i < queries.length; i++) {
        queries[i] = Descriptors.unitFromJson(list.getValue(i));
      }
    } catch (IllegalArgumentException e) {
      message.fail(ServiceFailure.BAD_REQUEST.code(), e.getMessage());
      return;
    }
    search.exists(group).compose(exists -> {
      if (!exists) {
        return Future.failedFuture(new GroupMissing(group));
      }
      return queries.length == 0 ? Future.succeededFuture(new JsonArray()) : identify(group, queries, t.doubleValue());
    }).onSuccess(matches -> message.reply(new JsonObject().put("matches", matches))).onFailure(e -> {
      if (e instanceof GroupMissing) {
        message.fail(ServiceFailure.NOT_FOUND.code(), e.getMessage());
      } else if (e instanceof IndexBuilding) {
        message.fail(ServiceFailure.BUSY.code(), e.getMessage());
      } else {
        LOG.warn("identifying {} faces in group '{}' failed", queries.length, group, e);
        message.fail(ServiceFailure.INTERNAL.code(), "identifying faces failed: " + e.getMessage());
      }
    });
  }

  private Future<JsonArray> identify(String group, float[][] queries, double threshold) {
    return search.search(group, queries, 1, threshold).map(result -> {
      JsonArray matches = new JsonArray();
      for (List<Match> found : result.matches()) {
        Match match = found.isEmpty() || found.get(0).similarity() < threshold ? null : found.get(0);
        var summary = match == null ? null : result.summaries().get(match.faceId()); // null too for a face deleted since the index caught up
        matches.add(summary == null ? null : new FaceGroupsClient.Identity(match.faceId(), summary.tag(), summary.description(),
            Math.round(match.similarity() * 1e6) / 1e6).toJson());
      }
      return matches;
    });
  }

  private static final class GroupMissing extends RuntimeException {
    GroupMissing(String group) {
      super("no face group '" + group + "'", null, false, false);
    }
  }
}
