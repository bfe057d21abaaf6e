package org.aips.spi;

import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * AIPS tasks on a plugin's behalf. They queue, run, retry and survive crashes like any task; only
 * the plugin that submitted a task sees it here, and REST clients do not see it at all. Every
 * method answers a failed future with {@link TaskStateException} when the task's state forbids
 * the request, and with {@link IllegalArgumentException} for an unknown type or bad params.
 */
public interface HostTasks {

  /** Queues a task (validated like a REST submission); answers its id. */
  Future<String> submit(TaskRequest request);

  Future<Optional<TaskInfo>> get(String id);

  /** The plugin's tasks in submission order, optionally only those in one state. */
  Future<List<TaskInfo>> list(Optional<TaskState> state);

  /**
   * Stops a waiting or running task and keeps its checkpoint; {@link #start} resumes it from there.
   * A running task's executor is told to stop, and what it saves after this call is discarded.
   */
  Future<TaskInfo> stop(String id);

  /** Queues a stopped task again; its next run finds the checkpoint saved before the stop. */
  Future<TaskInfo> start(String id);

  /** Ends a waiting, running or stopped task for good. */
  Future<TaskInfo> cancel(String id);

  /** The file of a finished task's bytes result on this node, if it has one. */
  Future<Optional<Path>> resultFile(String id);

  /** Calls {@code handler} (on the caller's context) for every event of this plugin's tasks; close it to stop. */
  AutoCloseable events(Handler<TaskEvent> handler);
}
