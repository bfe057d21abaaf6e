package org.aips.spi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.pf4j.ExtensionPoint;

import java.util.Set;

/**
 * A kind of task AIPS can run, contributed by a plugin as a pf4j {@code @Extension}.
 *
 * <p>{@link #execute} is called on a Vert.x event-loop thread and must not block it: return a
 * future, or extend {@link BlockingTaskType} to have the work run on a worker thread.
 */
public interface TaskType extends ExtensionPoint {

  /** The {@code taskType} clients submit, for example {@code "Thumbnail"}. Unique on a cluster. */
  String name();

  /**
   * Called once on each executor node after the plugin is loaded and before any task of this type
   * runs, with the plugin's host: its configuration section ({@code plugins.config.<pluginId>}),
   * a data folder, Vert.x and a shared {@code WebClient}. Must not block. Throw
   * {@link IllegalArgumentException} for an invalid configuration: the host logs it and leaves the
   * type out. Default: nothing to set up.
   */
  default void init(PluginHost host) {
  }

  /** JSON Schema (draft 2020-12) of the task's {@code params} object; the server validates against it. */
  default JsonObject paramsSchema() {
    return new JsonObject().put("type", "object");
  }

  /** Seed inputs the type needs ({@code "styleImage"}, {@code "contentImage"}); a submission without them is refused. */
  default Set<String> requiredInputs() {
    return Set.of();
  }

  /**
   * Expected run time in seconds of one task, used for the queue's {@code waiting} estimate
   * until AIPS has measured real durations of this type.
   */
  default double estimateSeconds(JsonObject params, int quality) {
    return 1.0;
  }

  /** How many tasks of this type one executor node runs at the same time. */
  default int concurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs one task. Fail the future with {@link TaskFailure#permanent} when a retry cannot help
   * (bad params); any other failure is retried up to the configured number of attempts.
   */
  Future<TaskResult> execute(TaskContext context);
}
