package org.aips.server.api;

import io.vertx.core.json.JsonObject;

/** The answer to a submission: tasks ahead, estimated seconds until start, and the query code (and the task's row id, not shown). */
public record Submitted(long queueing, long waiting, String queryCode, long id) {

  JsonObject toJson() {
    return new JsonObject().put("queueing", queueing).put("waiting", waiting).put("queryCode", queryCode);
  }
}
