package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.spi.TaskContext;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A host for one Render run: params, a checkpoint that can be preset (a resumed run), recorded progress, cancel. */
final class TestTaskContext implements TaskContext {

  private final Vertx vertx;
  private final JsonObject params;
  private final Promise<Void> cancelled = Promise.promise();
  private final List<Double> progress = new CopyOnWriteArrayList<>();
  private volatile JsonObject checkpoint;

  TestTaskContext(Vertx vertx, JsonObject params, JsonObject checkpoint) {
    this.vertx = vertx;
    this.params = params;
    this.checkpoint = checkpoint;
  }

  void cancel() {
    cancelled.tryComplete();
  }

  List<Double> progressReports() {
    return progress;
  }

  JsonObject savedCheckpoint() {
    return checkpoint;
  }

  @Override public String taskId() { return "render-test"; }
  @Override public String taskType() { return "Render"; }
  @Override public int attempt() { return checkpoint == null ? 1 : 2; }
  @Override public int quality() { return 100; }
  @Override public JsonObject params() { return params; }
  @Override public Optional<Buffer> input(String name) { return Optional.empty(); }
  @Override public Optional<java.nio.file.Path> inputPath(String name) { return Optional.empty(); }
  @Override public void progress(double fraction) { progress.add(fraction); }
  @Override public boolean isCancelled() { return cancelled.future().isComplete(); }
  @Override public Future<Void> whenCancelled() { return cancelled.future(); }
  @Override public Optional<JsonObject> checkpoint() { return Optional.ofNullable(checkpoint).map(JsonObject::copy); }
  @Override public Vertx vertx() { return vertx; }
  @Override public WebClient webClient() { throw new UnsupportedOperationException("the run uses the account's client"); }

  @Override
  public Future<Void> saveCheckpoint(JsonObject state) {
    checkpoint = state.copy();
    return Future.succeededFuture();
  }
}
