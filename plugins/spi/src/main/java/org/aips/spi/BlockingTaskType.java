package org.aips.spi;

import io.vertx.core.Future;

/** A task type whose work blocks (image codecs, native inference, file I/O): it runs on a worker thread. */
public abstract class BlockingTaskType implements TaskType {

  @Override
  public final Future<TaskResult> execute(TaskContext context) {
    return context.vertx().executeBlocking(() -> context.inLogContext(() -> run(context)), false);
  }

  /** Does the work on a worker thread; check {@link TaskContext#isCancelled()} between steps. */
  protected abstract TaskResult run(TaskContext context) throws Exception;
}
