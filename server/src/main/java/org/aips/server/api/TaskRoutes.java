package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.sqlclient.Row;
import org.aips.server.auth.TokenHash;
import org.aips.server.blob.BlobStore;
import org.aips.server.blob.StoredBlob;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.config.AipsConfig;
import org.aips.server.lifecycle.IllegalTransitionException;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.spi.TaskState;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the seed's routes (plus cancel). Inputs arrive already validated by the OpenAPI contract. */
final class TaskRoutes {

  private static final long COUNT_CACHE_MILLIS = 250;
  private static final Set<String> FINISHED = Set.of("done", "failed", "cancelled");

  private final Vertx vertx;
  private final AipsConfig config;
  private final TaskStore store;
  private final SubmissionBatcher batcher;
  private final BlobStore blobs;
  private final TaskTypeDirectory directory;
  private final RunTimeEstimates runTimes;
  private final Submissions submissions;
  private final CachedCount waitingCount;
  private final CachedCount doneCount;
  private final FinishedTaskViews finished;

  TaskRoutes(Vertx vertx, AipsConfig config, TaskStore store, BlobStore blobs, TaskTypeDirectory directory) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.blobs = blobs;
    this.directory = directory;
    this.batcher = new SubmissionBatcher(vertx, store, config.vipStep());
    this.runTimes = new RunTimeEstimates(vertx, store, directory);
    this.submissions = new Submissions(config);
    this.waitingCount = new CachedCount(store::countWaiting, COUNT_CACHE_MILLIS);
    this.doneCount = new CachedCount(store::countDone, COUNT_CACHE_MILLIS);
    this.finished = new FinishedTaskViews(config.queryCacheSize());
    vertx.eventBus().<String>consumer(Addresses.TASK_VISITED, message -> finished.evict(message.body()));
  }

  void waiting(RoutingContext rc) {
    ok(rc, waitingCount.get().map(n -> new JsonObject().put("queueing", n)));
  }

  void done(RoutingContext rc) {
    ok(rc, doneCount.get().map(n -> new JsonObject().put("done", n)));
  }

  void submit(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject body = request.getBody().getJsonObject();
    TaskTypeOffer type = checked(body, "");
    Submitter submitter = new Submitter(rc);
    ok(rc, newTask(body, type, submitter).compose(batcher::submit).map(Submitted::toJson));
  }

  /** Bulk submission: every element checked as {@link #submit} checks one, then all inserted by one statement, or none. */
  void submitAll(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonArray bodies = request.getBody().getJsonObject().getJsonArray("tasks");
    if (bodies.size() > config.maxBatchTasks()) {
      throw ApiException.badRequest("TOO_MANY_TASKS", bodies.size() + " tasks in one request; at most "
          + config.maxBatchTasks() + " (http.maxBatchTasks)");
    }
    List<TaskTypeOffer> types = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      types.add(checked(bodies.getJsonObject(i), "tasks[" + i + "]: "));
    }
    Submitter submitter = new Submitter(rc);
    List<Future<NewTask>> tasks = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      String where = "tasks[" + i + "]: ";
      tasks.add(newTask(bodies.getJsonObject(i), types.get(i), submitter).recover(e -> Future.failedFuture(located(where, e))));
    }
    Future<JsonArray> answer = Future.all(tasks).compose(all -> batcher.submitAll(all.<NewTask>list()))
        .map(submitted -> new JsonArray(submitted.stream().map(Submitted::toJson).toList()));
    answer.onSuccess(data -> send(rc, new JsonObject().put("success", true).put("data", data).toBuffer())).onFailure(rc::fail);
  }

  /** The checks the contract cannot express; a failure's message starts with {@code where} (which element of a bulk). */
  private TaskTypeOffer checked(JsonObject body, String where) {
    String typeName = body.getString("taskType");
    try {
      TaskTypeOffer type = directory.find(typeName).orElseThrow(() -> ApiException.badRequest("UNKNOWN_TASK_TYPE",
          "unknown taskType '" + typeName + "'; available: " + directory.types()));
      submissions.check(body, type);
      return type;
    } catch (ApiException e) {
      throw located(where, e);
    }
  }

  private static RuntimeException located(String where, Throwable failure) {
    if (failure instanceof ApiException e) {
      return where.isEmpty() ? e : new ApiException(e.status(), e.code(), where + e.getMessage());
    }
    return failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
  }

  /** Who submits, read once per request: the same for every task of a bulk submission. */
  private record Submitter(String uid, String tokenHash, String host, String agent) {
    Submitter(RoutingContext rc) {
      this(Users.uid(rc), TokenHash.of(rc.request().getHeader("x-token")), forwardedFor(rc), rc.request().getHeader("user-agent"));
    }
  }

  /** The row to insert, once the submission's images (if any) are in the blob store. */
  private Future<NewTask> newTask(JsonObject body, TaskTypeOffer type, Submitter submitter) {
    String typeName = type.name();
    return storeImages(body).map(images -> {
      StoredBlob style = images.get("styleImage");
      StoredBlob content = images.get("contentImage");
      int quality = body.getInteger("quality", config.qualityDefault());
      return new NewTask(typeName, body.getInteger("vip", 0), QueryCodes.next(),
          body.getLong("keepSeconds", config.keepSecondsDefault()), NamedInputs.of(images),
          style == null ? null : style.md5(), content == null ? null : content.md5(),
          quality, body.getJsonObject("params", new JsonObject()), submitter.uid(),
          runTimes.seconds(type, quality), runTimes.secondsPerQueuedTask(typeName),
          body.getString("channel"), body.getString("guideCode"), submitter.tokenHash(), submitter.host(), submitter.agent(),
          body.getInteger("demandVisitTimes", config.demandVisitTimesDefault()), null, body.getString("webhook"));
    });
  }

  void query(RoutingContext rc) {
    String uid = Users.uid(rc);
    String code = rc.pathParam("queryCode");
    Buffer cached = finished.find(code, uid, System.currentTimeMillis());
    if (cached != null) {
      send(rc, cached);
      return;
    }
    long generation = finished.generation();
    store.find(code, uid).map(found -> {
      Row row = found.orElseThrow(() -> notFound(code));
      JsonObject view = view(row);
      Buffer response = envelope(view);
      if (FINISHED.contains(row.getString("status")) && !view.getBoolean("overdue")) {
        finished.store(generation, code, () -> new FinishedTaskViews.View(uid, view.getLong("retention"), response));
      }
      return response;
    }).onSuccess(response -> send(rc, response)).onFailure(rc::fail);
  }

  /** The task as query-task answers it (not from the finished-task cache: a watch wants the current visit count). */
  Future<JsonObject> findView(String code, String uid) {
    return store.find(code, uid).map(found -> view(found.orElseThrow(() -> notFound(code))));
  }

  void cancel(RoutingContext rc) {
    String uid = Users.uid(rc);
    String code = rc.pathParam("queryCode");
    Future<JsonObject> answer = store.cancel(code, uid).compose(cancelled -> {
      if (cancelled.isPresent()) {
        Row row = cancelled.get();
        if ("running".equals(row.getString("previous"))) {
          vertx.eventBus().publish(Addresses.TASK_CANCEL, new JsonObject().put("id", row.getLong("id")));
        }
        TaskChanges.publish(vertx.eventBus(), TaskChange.of(row, TaskTransition.CANCELLED, TaskState.CANCELLED));
        return store.find(code, uid).map(found -> view(found.orElseThrow(() -> notFound(code))));
      }
      return store.find(code, uid).map(found -> {
        TaskState state = TaskTransition.state(found.orElseThrow(() -> notFound(code)).getString("status"));
        try {
          TaskTransition.CANCELLED.check(state);
          throw new ApiException(409, "NOT_CANCELLABLE", "the task changed state meanwhile; try again");
        } catch (IllegalTransitionException e) {
          throw new ApiException(409, "NOT_CANCELLABLE", e.getMessage());
        }
      });
    });
    ok(rc, answer);
  }

  /** The task's history: every transition, oldest first. */
  void events(RoutingContext rc) {
    String uid = Users.uid(rc);
    String code = rc.pathParam("queryCode");
    ok(rc, store.history(code, uid).map(found -> found.orElseThrow(() -> notFound(code))));
  }

  void result(RoutingContext rc) {
    String uid = Users.uid(rc);
    String code = rc.pathParam("queryCode");
    store.visit(code, uid).compose(visit -> {
      if (visit.isEmpty()) {
        return store.find(code, uid).map(found -> {
          throw whyNoResult(found.orElseThrow(() -> notFound(code)));
        });
      }
      vertx.eventBus().publish(Addresses.TASK_VISITED, code);
      Row row = visit.get();
      String contentType = row.getString("result_content_type");
      rc.response().putHeader("content-type", contentType).putHeader("cache-control", "no-store");
      if (row.getString("result_path") != null) {
        return rc.response().sendFile(blobs.resolve(row.getString("result_path")).toString());
      }
      return rc.response().end(((JsonObject) row.getValue("result_json")).encode());
    }).onFailure(rc::fail);
  }

  private JsonObject view(Row row) {
    return TaskView.of(row, runTimes.secondsPerQueuedTask(row.getString("task_type")), System.currentTimeMillis());
  }

  private static ApiException whyNoResult(Row row) {
    long now = System.currentTimeMillis();
    var retention = row.getOffsetDateTime("retention");
    if (row.getBoolean("purged") || (retention != null && retention.toInstant().toEpochMilli() <= now)) {
      return new ApiException(410, "OVERDUE", "the result was kept until " + retention + " and is gone");
    }
    return switch (row.getString("status")) {
      case "waiting", "running" -> new ApiException(409, "RESULT_NOT_READY", "the task is " + row.getString("status"));
      case "failed" -> new ApiException(409, "TASK_FAILED", "the task failed: " + row.getString("error"));
      case "cancelled" -> new ApiException(409, "TASK_CANCELLED", "the task was cancelled");
      default -> new ApiException(410, "VISITS_EXHAUSTED",
          "the result was fetched " + row.getInteger("visit_times") + " times, the limit set by demandVisitTimes");
    };
  }

  private Future<Map<String, StoredBlob>> storeImages(JsonObject body) {
    Map<String, String> encoded = new HashMap<>();
    for (String field : Submissions.IMAGE_FIELDS) {
      if (body.getString(field) != null) {
        encoded.put(field, body.getString(field));
      }
    }
    if (encoded.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return vertx.executeBlocking(() -> {
      Map<String, StoredBlob> stored = new HashMap<>();
      for (Map.Entry<String, String> field : encoded.entrySet()) {
        byte[] bytes = ImageInput.decode(field.getKey(), field.getValue(), config.imageBytesLimit(), config.imagePixelsLimit());
        stored.put(field.getKey(), blobs.put(bytes));
      }
      return stored;
    }, false);
  }

  private static String forwardedFor(RoutingContext rc) {
    String forwarded = rc.request().getHeader("x-forwarded-for");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.split(",")[0].trim();
    }
    return rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
  }

  private static ApiException notFound(String code) {
    return ApiException.notFound("no task with queryCode " + code);
  }

  private static void ok(RoutingContext rc, Future<JsonObject> data) {
    data.onSuccess(json -> send(rc, envelope(json))).onFailure(rc::fail);
  }

  private static Buffer envelope(JsonObject data) {
    return new JsonObject().put("success", true).put("data", data).toBuffer();
  }

  private static void send(RoutingContext rc, Buffer json) {
    rc.response().putHeader("content-type", "application/json; charset=utf-8").end(json);
  }
}
