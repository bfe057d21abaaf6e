package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.TaskEvents;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.lifecycle.IllegalTransitionException;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.HostTasks;
import org.aips.spi.TaskEvent;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskRequest;
import org.aips.spi.TaskState;
import org.aips.spi.TaskStateException;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link HostTasks} for one plugin: its tasks carry its id as owner and a user id REST clients cannot have. */
final class PluginTasks implements HostTasks {

  private final PluginTaskApi api;
  private final String owner;

  PluginTasks(PluginTaskApi api, String owner) {
    this.api = api;
    this.owner = owner;
  }

  @Override
  public Future<String> submit(TaskRequest request) {
    return onApiContext(() -> {
      TaskTypeOffer type = api.directory.find(request.type()).orElseThrow(() -> new IllegalArgumentException(
          "unknown task type '" + request.type() + "'; available: " + api.directory.types()));
      check(request, type);
      JsonObject inputs = null;
      for (var input : request.inputs().entrySet()) {
        inputs = inputs == null ? new JsonObject() : inputs;
        inputs.put(input.getKey(), NamedInputs.entry(input.getValue().key(), input.getValue().size()));
      }
      NewTask task = new NewTask(request.type(), request.vip(), QueryCodes.next(), request.keepSeconds(), inputs, null, null,
          request.quality(), request.params(), "plugin:" + owner, api.runTimes.seconds(type, request.quality()),
          api.runTimes.secondsPerQueuedTask(request.type()), null, null, "", null, null, api.config.demandVisitTimesDefault(), owner, null);
      return api.batcher.submit(task).map(submitted -> {
        TaskEvents.publish(api.vertx.eventBus(), owner, submitted.queryCode(), request.type(), TaskState.WAITING, 0, null);
        return submitted.queryCode();
      });
    });
  }

  /** The REST submission's checks (params schema, required inputs, limits), with the plugin's inputs by name. */
  private void check(TaskRequest request, TaskTypeOffer type) {
    JsonObject body = new JsonObject().put("params", request.params()).put("keepSeconds", request.keepSeconds());
    request.inputs().forEach((name, blob) -> body.put(name, blob.key()));
    try {
      api.submissions.check(body, type);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public Future<Optional<TaskInfo>> get(String id) {
    return onApiContext(() -> api.pluginStore.find(owner, id).map(row -> row.map(PluginTasks::info)));
  }

  @Override
  public Future<List<TaskInfo>> list(Optional<TaskState> state) {
    return onApiContext(() -> api.pluginStore.list(owner, state.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null)).map(rows -> {
      List<TaskInfo> infos = new ArrayList<>();
      rows.forEach(row -> infos.add(info(row)));
      return infos;
    }));
  }

  @Override
  public Future<TaskInfo> stop(String id) {
    return halt(id, TaskTransition.STOPPED, "stopped by the plugin " + owner);
  }

  @Override
  public Future<TaskInfo> cancel(String id) {
    return halt(id, TaskTransition.CANCELLED, "cancelled by the plugin " + owner);
  }

  private Future<TaskInfo> halt(String id, TaskTransition transition, String reason) {
    TaskState to = transition.target(TaskState.WAITING);
    return onApiContext(() -> api.pluginStore.halt(owner, id, transition.wireName(), reason).compose(halted -> {
      if (halted.isEmpty()) {
        return refused(id, transition);
      }
      Row row = halted.get();
      if ("running".equals(row.getString("previous"))) {
        api.vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", row.getLong("id")));
      }
      TaskChanges.publish(api.vertx.eventBus(), TaskChange.of(row, transition, to));
      return found(id).onSuccess(info -> TaskEvents.publish(api.vertx.eventBus(), owner, id, info.type(), to, info.progress(), reason));
    }));
  }

  @Override
  public Future<TaskInfo> start(String id) {
    return onApiContext(() -> api.pluginStore.start(owner, id).compose(started -> {
      if (started.isEmpty()) {
        return refused(id, TaskTransition.RESUMED);
      }
      TaskChanges.publish(api.vertx.eventBus(), TaskChange.of(started.get(), TaskTransition.RESUMED, TaskState.WAITING));
      api.vertx.eventBus().publish(Addresses.QUEUE_WAKE, null);
      return found(id).onSuccess(info -> TaskEvents.publish(api.vertx.eventBus(), owner, id, info.type(), TaskState.WAITING, info.progress(), null));
    }));
  }

  @Override
  public Future<Optional<Path>> resultFile(String id) {
    return onApiContext(() -> api.pluginStore.find(owner, id).map(row -> row
        .filter(r -> "done".equals(r.getString("status")) && r.getString("result_path") != null)
        .map(r -> api.blobs.resolve(r.getString("result_path")))));
  }

  @Override
  public AutoCloseable events(Handler<TaskEvent> handler) {
    MessageConsumer<JsonObject> consumer = api.vertx.eventBus().consumer(Addresses.pluginTaskEvents(owner),
        message -> handler.handle(TaskEvents.fromJson(message.body())));
    return consumer::unregister;
  }

  private Future<TaskInfo> found(String id) {
    return api.pluginStore.find(owner, id).map(row -> info(row.orElseThrow(() -> unknown(id))));
  }

  /** Why a stop, start or cancel was refused: no such task, or its state (or it changed meanwhile). */
  private Future<TaskInfo> refused(String id, TaskTransition transition) {
    return api.pluginStore.find(owner, id).map(row -> {
      TaskInfo info = info(row.orElseThrow(() -> unknown(id)));
      try {
        transition.check(info.state());
        throw new TaskStateException("task " + id + " changed state meanwhile; try again", info.state());
      } catch (IllegalTransitionException e) {
        throw new TaskStateException("task " + id + ": " + e.getMessage(), info.state());
      }
    });
  }

  private static TaskStateException unknown(String id) {
    return new TaskStateException("no task " + id + " of this plugin", null);
  }

  private <T> Future<T> onApiContext(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    api.context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  static TaskInfo info(Row row) {
    return new TaskInfo(row.getString("query_code"), row.getString("task_type"),
        TaskState.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), row.getFloat("proccessing"), row.getInteger("attempts"),
        row.getString("error"), (JsonObject) row.getValue("checkpoint"), (JsonObject) row.getValue("result_json"),
        instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("done_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
