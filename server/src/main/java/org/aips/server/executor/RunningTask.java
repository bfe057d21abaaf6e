package org.aips.server.executor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.blob.BlobStore;
import org.aips.server.logging.TaskLogContext;
import org.aips.spi.TaskContext;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import java.util.Optional;

/** The {@link TaskContext} of one run; progress is coalesced and shipped by the executor's status timer. */
final class RunningTask implements TaskContext {

  private final Dispatch dispatch;
  private final Vertx vertx;
  private final WebClient webClient;
  private final BlobStore blobs;
  private final SchedulerInboxes inboxes;
  private final Promise<Void> cancelled = Promise.promise();
  private volatile boolean cancelRequested;
  private volatile boolean handedBack;
  private volatile double progress;
  private volatile boolean progressChanged;

  RunningTask(Dispatch dispatch, Vertx vertx, WebClient webClient, BlobStore blobs, SchedulerInboxes inboxes) {
    this.dispatch = dispatch;
    this.inboxes = inboxes;
    this.vertx = vertx;
    this.webClient = webClient;
    this.blobs = blobs;
  }

  Dispatch dispatch() {
    return dispatch;
  }

  void cancel() {
    cancelRequested = true;
    cancelled.tryComplete();
  }

  /** Stopped because its node is stopping: the run ends as if cancelled, but the task is queued again. */
  void handBack() {
    handedBack = true;
    cancel();
  }

  boolean isHandedBack() {
    return handedBack;
  }

  /** The progress reported since the last call, if any. */
  Optional<Double> takeProgress() {
    if (!progressChanged) {
      return Optional.empty();
    }
    progressChanged = false;
    return Optional.of(progress);
  }

  @Override public String taskId() { return Long.toString(dispatch.id()); }
  @Override public String taskType() { return dispatch.type(); }
  @Override public int attempt() { return dispatch.attempt(); }
  @Override public int quality() { return dispatch.quality(); }
  @Override public JsonObject params() { return dispatch.params(); }

  @Override
  public Optional<Buffer> input(String name) {
    Buffer bytes = dispatch.inputs().get(name);
    if (bytes == null && dispatch.inputKeys().containsKey(name)) {
      throw new IllegalStateException("input " + name + " is larger than the inline limit (scheduler.inlineInputBytes): read it with inputPath");
    }
    return Optional.ofNullable(bytes);
  }

  @Override
  public Optional<Path> inputPath(String name) {
    return Optional.ofNullable(dispatch.inputKeys().get(name)).map(blobs::resolve);
  }

  @Override public boolean isCancelled() { return cancelRequested; }
  @Override public Future<Void> whenCancelled() { return cancelled.future(); }
  @Override public Optional<JsonObject> checkpoint() { return Optional.ofNullable(dispatch.checkpoint()); }
  @Override public Vertx vertx() { return vertx; }
  @Override public WebClient webClient() { return webClient; }

  @Override
  public <T> T inLogContext(Callable<T> work) throws Exception {
    try (TaskLogContext ignored = logContext()) {
      return work.call();
    }
  }

  TaskLogContext logContext() {
    return TaskLogContext.open(dispatch.id(), dispatch.queryCode(), dispatch.type());
  }

  @Override
  public void progress(double fraction) {
    double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    if (clamped != progress) {
      progress = clamped;
      progressChanged = true;
    }
  }

  @Override
  public Future<Void> saveCheckpoint(JsonObject state) {
    JsonObject message = new JsonObject().put("kind", "checkpoint").put("id", dispatch.id())
        .put("attempt", dispatch.attempt()).put("state", state);
    return vertx.eventBus().request(inboxes.current(dispatch.inbox()), message).mapEmpty();
  }
}
