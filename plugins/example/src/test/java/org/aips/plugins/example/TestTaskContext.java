package org.aips.plugins.example;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.spi.TaskContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The least a task type needs from its host: inputs, params, quality, and recorded progress. */
final class TestTaskContext implements TaskContext {

  private final Vertx vertx;
  private final Map<String, Buffer> inputs;
  private final JsonObject params;
  private final int quality;
  private final Promise<Void> cancelled = Promise.promise();
  private final List<Double> progress = new CopyOnWriteArrayList<>();

  TestTaskContext(Vertx vertx, Map<String, Buffer> inputs, JsonObject params, int quality) {
    this.vertx = vertx;
    this.inputs = inputs;
    this.params = params;
    this.quality = quality;
  }

  void cancel() {
    cancelled.tryComplete();
  }

  List<Double> progressReports() {
    return progress;
  }

  @Override
  public String taskId() {
    return "test-task";
  }

  @Override
  public String taskType() {
    return "Thumbnail";
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public int quality() {
    return quality;
  }

  @Override
  public JsonObject params() {
    return params;
  }

  @Override
  public Optional<java.nio.file.Path> inputPath(String name) {
    return Optional.empty();
  }

  @Override
  public Optional<Buffer> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }

  @Override
  public void progress(double fraction) {
    progress.add(fraction);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.future().isComplete();
  }

  @Override
  public Future<Void> whenCancelled() {
    return cancelled.future();
  }

  @Override
  public Optional<JsonObject> checkpoint() {
    return Optional.empty();
  }

  @Override
  public Future<Void> saveCheckpoint(JsonObject state) {
    return Future.succeededFuture();
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public WebClient webClient() {
    throw new UnsupportedOperationException("the Thumbnail task makes no HTTP calls");
  }
}
