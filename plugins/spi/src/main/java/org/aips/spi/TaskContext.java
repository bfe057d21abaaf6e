package org.aips.spi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.Optional;

/** What the host gives an executor for one run of one task. */
public interface TaskContext {

  /** Stable id of the task (the same across retries and restarts). */
  String taskId();

  String taskType();

  /** 1 for the first run, higher when the task is retried after a failure or a lost lease. */
  int attempt();

  /** The seed's {@code quality}, 0–100. */
  int quality();

  /** The task's validated {@code params} (an empty object when the client sent none). */
  JsonObject params();

  /** A seed input by name ({@code "styleImage"}, {@code "contentImage"}), if the client sent it. */
  Optional<Buffer> input(String name);

  /** Reports progress in [0, 1]; shown to clients as {@code proccessing}. Cheap: calls are coalesced. */
  void progress(double fraction);

  /** True once the task has been cancelled; long work should check it and stop. */
  boolean isCancelled();

  /** Completes when the task is cancelled (never fails). */
  Future<Void> whenCancelled();

  /** The state last saved with {@link #saveCheckpoint}, when this run resumes an earlier one. */
  Optional<JsonObject> checkpoint();

  /** Persists resume state (small JSON) so a retry after a crash can continue instead of restarting. */
  Future<Void> saveCheckpoint(JsonObject state);

  Vertx vertx();

  /** A shared HTTP client owned by the host. */
  WebClient webClient();

  /** The (possibly clustered) event bus, for shared services such as inference. */
  default EventBus eventBus() {
    return vertx().eventBus();
  }
}
