package org.aips.server.scheduler;

import io.vertx.core.json.JsonObject;

/** A finished run waiting to be written: result file (or JSON), and how long it ran. */
record Completion(long id, int attempt, String type, String resultPath, String contentType,
                  JsonObject resultJson, String node, double seconds) {
}
