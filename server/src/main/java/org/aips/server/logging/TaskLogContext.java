package org.aips.server.logging;

import org.slf4j.MDC;

import java.util.Map;

/**
 * The logging context of work on one task: its id, queryCode and type in the MDC, so that every
 * log line written meanwhile on this thread names the task (the text format appends them, the JSON
 * format has them as fields). Open it around a synchronous stretch of work and close it after;
 * closing restores what the thread had before, so contexts nest and a pooled thread (an event
 * loop, a worker) carries nothing over to its next job.
 *
 * <pre>{@code
 * try (TaskLogContext ignored = TaskLogContext.open(id, queryCode, type)) {
 *   LOG.info("claimed");
 * }
 * }</pre>
 */
public final class TaskLogContext implements AutoCloseable {

  public static final String TASK_ID = "taskId";
  public static final String QUERY_CODE = "queryCode";
  public static final String TASK_TYPE = "taskType";

  private final Map<String, String> previous;

  private TaskLogContext(Map<String, String> previous) {
    this.previous = previous;
  }

  /** {@code queryCode} and {@code type} may be null (not known where the line is written). */
  public static TaskLogContext open(long taskId, String queryCode, String type) {
    TaskLogContext context = new TaskLogContext(MDC.getCopyOfContextMap());
    MDC.put(TASK_ID, Long.toString(taskId));
    putOrRemove(QUERY_CODE, queryCode);
    putOrRemove(TASK_TYPE, type);
    return context;
  }

  @Override
  public void close() {
    if (previous == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }

  private static void putOrRemove(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
