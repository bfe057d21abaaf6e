package org.aips.spi;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;

/**
 * A task as its submitting plugin sees it.
 *
 * @param progress   in [0, 1], as last reported by the executor
 * @param attempts   runs started so far
 * @param error      why it failed, was cancelled or last retried; null otherwise
 * @param checkpoint the resume state last saved by the executor, null if none
 * @param resultJson a JSON result, once done (a bytes result is read through {@link HostTasks#resultFile})
 */
public record TaskInfo(String id, String type, TaskState state, double progress, int attempts, String error,
                       JsonObject checkpoint, JsonObject resultJson, Instant createdAt, Instant doneAt) {

  public Optional<JsonObject> checkpointState() {
    return Optional.ofNullable(checkpoint);
  }
}
