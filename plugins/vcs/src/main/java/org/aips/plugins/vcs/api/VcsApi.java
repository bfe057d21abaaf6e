package org.aips.plugins.vcs.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.aips.plugins.vcs.task.ComputeTasks;
import org.aips.plugins.vcs.task.EventStore;
import org.aips.plugins.vcs.task.VcsError;
import org.aips.plugins.vcs.task.VideoStore;
import org.aips.spi.HttpApi;
import org.aips.spi.PluginHost;
import org.pf4j.Extension;

import java.util.Optional;

/**
 * Seed 001's compute-task API under {@code /vcs} (contract: {@code vcs.yaml}), with what the seed
 * leaves out: video upload, results, thumbnails and export. Every answer is the seed's envelope.
 */
@Extension
public final class VcsApi implements HttpApi {

  static final String TASK = "/console/task/";

  @Override
  public String basePath() {
    return "/vcs";
  }

  @Override
  public Optional<String> openApiResource() {
    return Optional.of("vcs.yaml");
  }

  /** The host's own errors (authentication, validation, unknown route, body limit) in the seed's envelope. */
  @Override
  public JsonObject errorBody(int status, String code, String message) {
    VcsError error = switch (status) {
      case 401, 403 -> VcsError.UNAUTHORIZED;
      case 404 -> VcsError.NO_SUCH_ROUTE;
      case 413 -> VcsError.BODY_TOO_LARGE;
      default -> status >= 500 ? VcsError.INTERNAL : VcsError.INVALID_PARAMETER;
    };
    return Envelope.error(error, message);
  }

  @Override
  public Router router(PluginHost host) {
    var pool = host.database().orElseThrow(() -> new IllegalStateException("the vcs plugin needs a database")).pool();
    ComputeTasks tasks = new ComputeTasks(host, System::currentTimeMillis);
    TaskRoutes taskRoutes = new TaskRoutes(tasks);
    VideoRoutes videoRoutes = new VideoRoutes(host, new VideoStore(pool));
    ResultRoutes resultRoutes = new ResultRoutes(tasks, new EventStore(pool));
    Router router = Router.router(host.vertx());
    router.post(TASK + "createComputeTask").handler(taskRoutes::create);
    router.post(TASK + "modifyComputeTask").handler(taskRoutes::modify);
    router.post(TASK + "startComputeTask").handler(taskRoutes::start);
    router.post(TASK + "stopComputeTask").handler(taskRoutes::stop);
    router.post(TASK + "getComputeTasks").handler(taskRoutes::query);
    router.post(TASK + "getComputeTaskResults").handler(resultRoutes::results);
    router.get(TASK + "thumbnail/:taskId/:eventId").handler(resultRoutes::thumbnail);
    router.get(TASK + "exportComputeTaskResults").handler(resultRoutes::export);
    router.post("/console/video/uploadVideo").handler(videoRoutes::upload);
    router.post("/console/video/getVideo").handler(videoRoutes::get);
    router.post("/console/video/registerVideo").handler(videoRoutes::register);
    return router;
  }
}
