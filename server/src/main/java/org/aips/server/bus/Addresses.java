package org.aips.server.bus;

import org.aips.spi.services.ServiceAddresses;

/**
 * Every event-bus address AIPS uses, in one place (those plugins call are defined in the SPI's
 * {@code ServiceAddresses}). Message shapes are described in
 * docs/architecture.md; verticles talk only through these, so any of them may live on another node.
 */
public final class Addresses {

  /** Request/reply, one consumer per executor node: run a batch of tasks. Body: {@code DispatchBatch}; the reply acknowledges it. */
  public static String executor(String taskType) {
    return "aips.executor." + taskType;
  }

  /** Point-to-point inbox of one scheduler: progress/heartbeats ({@code status}) and checkpoints ({@code checkpoint}). */
  public static String schedulerInbox(String nodeId) {
    return "aips.scheduler." + nodeId;
  }

  /** Point-to-point, beside a scheduler's inbox: the outcomes of the runs it dispatched. Body: {@code RunOutcomes}. */
  public static String outcomeInbox(String schedulerInbox) {
    return schedulerInbox + ".outcomes";
  }

  /**
   * Request/reply, every scheduler consumes it: outcomes whose own scheduler has gone (its inbox has
   * no consumer), adopted by any live one, which writes them if the run is still the task's.
   */
  public static final String ADOPTED_OUTCOMES = "aips.scheduler.outcomes";

  /**
   * Request/reply, every scheduler consumes it: an executor whose runs' scheduler has gone asks a
   * live one to take over their leases. Body {@code {runs: [{id, type, attempt}]}}; reply
   * {@code {inbox, gone: [id]}}: where to report from now on, and runs no longer theirs (stop them).
   */
  public static final String ADOPT_RUNS = "aips.scheduler.adopt";

  /** Request/reply, one consumer per inference verticle: run one model on a batch. Body: {@code TensorCodec}. */
  public static String inference(String model) {
    return "aips.inference." + model;
  }

  /** Request/reply: faces in an image (docs/inference.md). */
  public static final String VISION_FACES = ServiceAddresses.FACES;

  /** Request/reply: objects in an image or a batch of frames (docs/inference.md). */
  public static final String VISION_OBJECTS = ServiceAddresses.OBJECTS;

  /** Request/reply: paint a content image in a style (docs/style.md). */
  public static final String STYLE_PAINT = ServiceAddresses.STYLE_PAINT;

  /** Publish {@code job}: stop a painting, queued or running. */
  public static final String STYLE_CANCEL = ServiceAddresses.STYLE_CANCEL;

  /** Publish: an executor node lists the task types it runs. */
  public static final String EXECUTOR_ANNOUNCE = "aips.executor.announce";

  /** Publish: asks every executor node to announce now. */
  public static final String EXECUTOR_DISCOVER = "aips.executor.discover";

  /** Publish {@code {id}}: stop a running task. */
  public static final String TASK_CANCEL = "aips.task.cancel";

  /** Publish {@code queryCode}: a result was fetched, so the task's {@code visitTimes} changed. */
  public static final String TASK_VISITED = "aips.task.visited";

  /** Publish {@code TaskEvents} JSON: a state change or progress of a task the plugin submitted. */
  public static String pluginTaskEvents(String pluginId) {
    return "aips.plugin." + pluginId + ".task-events";
  }

  /**
   * Publish {@code TaskChanges}, one message per statement: every transition of every task (submitted,
   * claimed, completed, retried, failed, stopped, resumed, cancelled, purged) once recorded, and
   * running tasks' progress.
   */
  public static final String TASK_EVENTS = "aips.task.events";

  /** Publish: new work was committed to the queue. */
  public static final String QUEUE_WAKE = "aips.queue.wake";

  private Addresses() {
  }
}
