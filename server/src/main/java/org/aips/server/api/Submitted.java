package org.aips.server.api;

import io.vertx.core.json.JsonObject;

/** The answer to a submission: tasks ahead, estimated seconds until start, and the query code. */
record Submitted(long queueing, long waiting, String queryCode) {

  JsonObject toJson() {
    return new JsonObject().put("queueing", queueing).put("waiting", waiting).put("queryCode", queryCode);
  }
}
