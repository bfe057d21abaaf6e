package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.Addresses;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends claimed tasks of one type to an executor node in one message, with their small inputs
 * inline (larger ones travel by key). A task whose inputs cannot be read fails alone; a batch no
 * executor took goes back whole.
 */
final class Dispatcher {

  /** A slow acknowledgement is not a lost batch: silent executors are the watchdog's business (heartbeats). */
  private static final DeliveryOptions NO_ACK_TIMEOUT = new DeliveryOptions().setSendTimeout(TimeUnit.DAYS.toMillis(1));

  private final SchedulerScope scope;
  private final BlobStore blobs;
  private final FailureRecorder failures;
  private final Runnable claimMore;

  Dispatcher(SchedulerScope scope, BlobStore blobs, FailureRecorder failures, Runnable claimMore) {
    this.scope = scope;
    this.blobs = blobs;
    this.failures = failures;
    this.claimMore = claimMore;
  }

  void dispatch(String type, List<Row> rows) {
    List<InFlight> tasks = new ArrayList<>(rows.size());
    List<Future<Dispatch>> prepared = new ArrayList<>(rows.size());
    List<TaskChange> claims = new ArrayList<>(rows.size());
    for (Row row : rows) {
      InFlight task = new InFlight(row.getLong("id"), type, row.getInteger("attempts"), System.currentTimeMillis(),
          row.getString("owner"), row.getString("query_code"), row.getString("user_id"));
      task.tellOwner(scope.vertx.eventBus(), TaskState.RUNNING, 0, null);
      claims.add(task.change(TaskTransition.CLAIMED.wireName(), scope.nodeId, null));
      scope.runs.add(task);
      tasks.add(task);
      JsonObject inputs = (JsonObject) row.getValue("inputs");
      prepared.add(readSmallInputs(inputs).map(read -> {
        JsonObject params = (JsonObject) row.getValue("params");
        return new Dispatch(task.id, type, task.attempt, row.getInteger("quality"), params == null ? new JsonObject() : params,
            (JsonObject) row.getValue("checkpoint"), read, inputKeys(inputs), Addresses.schedulerInbox(scope.nodeId), task.queryCode);
      }).onFailure(e -> {
        if (scope.runs.release(task)) {
          failures.failed(task, e);
        }
      }));
    }
    TaskChanges.publish(scope.vertx.eventBus(), claims);
    Future.join(prepared).onComplete(read -> {
      List<Dispatch> ready = prepared.stream().filter(Future::succeeded).map(Future::result).toList();
      if (ready.isEmpty()) {
        return;
      }
      scope.vertx.eventBus().request(Addresses.executor(type), new DispatchBatch(ready), NO_ACK_TIMEOUT).onFailure(cause -> {
        for (InFlight task : tasks) {
          if (scope.runs.release(task)) {
            failures.failed(task, cause);
          }
        }
        claimMore.run();
      });
    });
  }

  private static Map<String, String> inputKeys(JsonObject inputs) {
    if (inputs == null) {
      return Map.of();
    }
    Map<String, String> keys = new HashMap<>();
    inputs.forEach(input -> keys.put(input.getKey(), ((JsonObject) input.getValue()).getString("key")));
    return keys;
  }

  /**
   * Reads the task's inputs up to scheduler.inlineInputBytes (larger ones travel by reference); the
   * map is built once every read is done (no shared map filled from callbacks).
   */
  private Future<Map<String, Buffer>> readSmallInputs(JsonObject inputs) {
    List<String> names = new ArrayList<>();
    List<Future<Buffer>> reads = new ArrayList<>();
    if (inputs != null) {
      for (String name : inputs.fieldNames()) {
        JsonObject input = inputs.getJsonObject(name);
        Long size = input.getLong("size");
        if (size == null || size <= scope.config.inlineInputBytes()) {
          names.add(name);
          reads.add(scope.vertx.fileSystem().readFile(blobs.resolve(input.getString("key")).toString()));
        }
      }
    }
    if (reads.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(reads).map(all -> {
      Map<String, Buffer> bytes = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        bytes.put(names.get(i), reads.get(i).result());
      }
      return bytes;
    });
  }
}
