package org.aips.server.scheduler;

import io.vertx.core.json.JsonObject;

/** A finished run waiting to be written: result file (or JSON), and how long it ran. */
record Completion(InFlight task, String resultPath, String contentType, JsonObject resultJson, String node, double seconds) {

  long id() {
    return task.id;
  }

  int attempt() {
    return task.attempt;
  }

  String type() {
    return task.type;
  }
}
