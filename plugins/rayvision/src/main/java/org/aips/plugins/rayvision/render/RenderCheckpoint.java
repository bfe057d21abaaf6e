package org.aips.plugins.rayvision.render;

import io.vertx.core.json.JsonObject;

/**
 * What a run must remember to resume without creating or submitting twice: the farm task it
 * created, the farm's user id (stamped into task.json), under which account, and how far it got.
 */
record RenderCheckpoint(long remoteTaskId, String alias, Long userId, String account, Stage stage) {

  /** CREATED is saved before upload and submit; STOPPED before a stop sent because the run was cancelled. */
  enum Stage { CREATED, SUBMITTED, STOPPED }

  RenderCheckpoint at(Stage next) {
    return new RenderCheckpoint(remoteTaskId, alias, userId, account, next);
  }

  JsonObject toJson() {
    return new JsonObject().put("remoteTaskId", remoteTaskId).put("alias", alias).put("userId", userId).put("account", account)
        .put("stage", stage.name());
  }

  static RenderCheckpoint fromJson(JsonObject json) {
    return new RenderCheckpoint(json.getLong("remoteTaskId"), json.getString("alias"), json.getLong("userId"), json.getString("account"),
        Stage.valueOf(json.getString("stage")));
  }
}
