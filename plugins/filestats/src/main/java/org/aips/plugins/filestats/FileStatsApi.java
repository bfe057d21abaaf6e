package org.aips.plugins.filestats;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.FileUpload;
import org.aips.spi.BlobRef;
import org.aips.spi.BlobTooLargeException;
import org.aips.spi.HostTasks;
import org.aips.spi.HttpApi;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskRequest;
import org.aips.spi.TaskStateException;
import org.pf4j.Extension;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's REST API under {@code /filestats} (contract: {@code filestats.yaml}): upload a
 * file (streamed to the blob store), create a job that counts its lines, watch, stop, start and
 * delete it. Answers plain JSON; errors are {@code {"error": "..."}} with a fitting status.
 */
@Extension
public final class FileStatsApi implements HttpApi {

  @Override
  public String basePath() {
    return "/filestats";
  }

  @Override
  public Optional<String> openApiResource() {
    return Optional.of("filestats.yaml");
  }

  /** Errors the host answers for this API (authentication, validation) in the API's own shape. */
  @Override
  public JsonObject errorBody(int status, String code, String message) {
    return new JsonObject().put("error", message);
  }

  @Override
  public Router router(PluginHost host) {
    Routes routes = new Routes(host);
    Router router = Router.router(host.vertx());
    router.post("/v1/files").handler(routes::upload);
    router.post("/v1/jobs").handler(routes::create);
    router.get("/v1/jobs").handler(routes::list);
    router.get("/v1/jobs/:id").handler(routes::detail);
    router.post("/v1/jobs/:id/stop").handler(routes::stop);
    router.post("/v1/jobs/:id/start").handler(routes::start);
    router.delete("/v1/jobs/:id").handler(routes::delete);
    return router;
  }

  private static final class Routes {

    private final PluginHost host;
    private final HostTasks tasks;
    private final JobStore jobs;
    private final long uploadLimit;

    Routes(PluginHost host) {
      this.host = host;
      this.tasks = host.tasks();
      this.jobs = new JobStore(host.database().orElseThrow(() -> new IllegalStateException("no database for filestats")).pool());
      this.uploadLimit = host.config().getLong("maxUploadBytes", host.blobs().uploadLimit());
    }

    /**
     * An application/octet-stream body arrives paused and is streamed to the store, never held in
     * memory; a browser form's {@code file} part (multipart, up to http.bodyLimitBytes) is already
     * on disk and is moved in.
     */
    void upload(RoutingContext rc) {
      String type = rc.request().getHeader("content-type");
      Future<BlobRef> stored;
      if (type != null && type.startsWith("application/octet-stream")) {
        stored = host.blobs().receive(rc.request(), uploadLimit);
      } else if (type != null && type.startsWith("multipart/form-data")) {
        Optional<FileUpload> part = rc.fileUploads().stream().filter(upload -> "file".equals(upload.name())).findFirst();
        if (part.isEmpty()) {
          error(rc, 400, "the form has no 'file' part");
          return;
        }
        stored = part.get().size() > uploadLimit ? Future.failedFuture(new BlobTooLargeException(uploadLimit))
            : host.blobs().putFile(Path.of(part.get().uploadedFileName()));
      } else {
        error(rc, 415, "send the file as application/octet-stream, or as the 'file' part of a multipart/form-data form");
        return;
      }
      answer(rc, 201, stored.map(blob -> new JsonObject().put("fileId", blob.key()).put("size", blob.size()).put("sha256", blob.sha256())));
    }

    void create(RoutingContext rc) {
      JsonObject body = rc.body().asJsonObject();
      String fileId = body == null ? null : body.getString("fileId");
      if (fileId == null) {
        error(rc, 400, "fileId is required");
        return;
      }
      String id = UUID.randomUUID().toString();
      answer(rc, 201, host.blobs().find(fileId).compose(blob -> {
        if (blob.isEmpty()) {
          return Future.failedFuture(new NotFound("no file " + fileId));
        }
        TaskRequest request = TaskRequest.of(FileStatsTaskType.NAME, new JsonObject()).withInput(FileStatsTaskType.INPUT, blob.get())
            .withVip(body.getInteger("vip", 0));
        // the task first: a job row always names a task; a task whose row could not be written is cancelled
        return tasks.submit(request).compose(taskId -> jobs.insert(id, blob.get().key(), blob.get().size(), taskId)
            .recover(e -> tasks.cancel(taskId).transform(ignored -> Future.failedFuture(e))));
      }).map(done -> new JsonObject().put("id", id)));
    }

    void list(RoutingContext rc) {
      answer(rc, 200, jobs.list().map(all -> new JsonObject().put("jobs", new JsonArray(all))));
    }

    /** The job as the service keeps it, and the task's authoritative state, progress and result. */
    void detail(RoutingContext rc) {
      answer(rc, 200, job(rc).compose(job -> tasks.get(job.getString("taskId")).map(info -> {
        info.ifPresent(task -> job.put("task", task(task)));
        return job;
      })));
    }

    void stop(RoutingContext rc) {
      answer(rc, 200, job(rc).compose(job -> tasks.stop(job.getString("taskId"))).map(Routes::task));
    }

    void start(RoutingContext rc) {
      answer(rc, 200, job(rc).compose(job -> tasks.start(job.getString("taskId"))).map(Routes::task));
    }

    /** Deletes the job whatever its state: its task is cancelled first if it has not finished. */
    void delete(RoutingContext rc) {
      answer(rc, 200, job(rc).compose(job -> tasks.get(job.getString("taskId"))
          .compose(info -> info.isPresent() && !info.get().state().isFinished() ? tasks.cancel(job.getString("taskId")).mapEmpty()
              : Future.succeededFuture())
          .compose(cancelled -> jobs.delete(job.getString("id")))
          .map(deleted -> new JsonObject().put("deleted", deleted))));
    }

    private Future<JsonObject> job(RoutingContext rc) {
      String id = rc.pathParam("id");
      return jobs.find(id).map(job -> job.orElseThrow(() -> new NotFound("no job " + id)));
    }

    private static JsonObject task(TaskInfo info) {
      return new JsonObject().put("state", info.state().name()).put("progress", info.progress()).put("attempts", info.attempts())
          .put("error", info.error()).put("checkpoint", info.checkpoint()).put("result", info.resultJson());
    }

    private static void answer(RoutingContext rc, int status, Future<JsonObject> result) {
      result.onSuccess(json -> rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(json.encode()))
          .onFailure(e -> {
            if (e instanceof NotFound) {
              error(rc, 404, e.getMessage());
            } else if (e instanceof TaskStateException) {
              error(rc, 409, e.getMessage());
            } else if (e instanceof BlobTooLargeException) {
              error(rc, 413, "the file exceeds the limit of " + ((BlobTooLargeException) e).limit() + " bytes");
            } else if (e instanceof IllegalArgumentException) {
              error(rc, 400, e.getMessage());
            } else {
              rc.fail(e);
            }
          });
    }

    private static void error(RoutingContext rc, int status, String message) {
      if (!rc.response().ended()) {
        rc.response().setStatusCode(status).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", message).encode());
      }
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
