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

  /**
   * A named input's bytes ({@code "styleImage"}, {@code "contentImage"}, or a name a plugin gave
   * in {@link TaskRequest#withInput}), if the task has it. Inputs larger than the host's inline
   * limit travel by reference only: read those with {@link #inputPath}; asking for their bytes
   * fails with {@link IllegalStateException}.
   */
  Optional<Buffer> input(String name);

  /**
   * A named input's file on this node, if the task has it: for large inputs (a recorded video),
   * read it as a stream or file, on a worker thread or through Vert.x's file system. In a cluster,
   * executors need the blob folder shared with the node that stored the input.
   */
  Optional<java.nio.file.Path> inputPath(String name);

  /** Reports progress in [0, 1]; shown to clients as {@code proccessing}. Cheap: calls are coalesced. */
  void progress(double fraction);

  /** True once the task has been cancelled or stopped; long work should check it and stop. */
  boolean isCancelled();

  /** Completes when the task is cancelled or stopped (never fails). */
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

  /**
   * Runs {@code work} on the calling thread with this task's logging context set (its id, queryCode
   * and type in the log lines written meanwhile), and clears it after. The host sets it around
   * {@link TaskType#execute}; use this for work the task does on threads of its own choosing
   * ({@link BlockingTaskType} does it for {@code run}).
   */
  default <T> T inLogContext(java.util.concurrent.Callable<T> work) throws Exception {
    return work.call();
  }
}
