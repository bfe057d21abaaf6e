package org.aips.server.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A task as {@code GET /api/query-task/{queryCode}} answers it, for its owner: fails with the API's
 * not-found error when the caller has no such task (so the watch route answers exactly as that route).
 */
@FunctionalInterface
public interface TaskViews {

  Future<JsonObject> find(String queryCode, String uid);
}
