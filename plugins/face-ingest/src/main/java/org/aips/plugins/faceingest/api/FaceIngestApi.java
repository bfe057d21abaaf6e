package org.aips.plugins.faceingest.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.TaskLifecycle;
import org.aips.plugins.faceingest.search.GroupSearch;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.aips.plugins.faceingest.store.IngestLogs;
import org.aips.plugins.faceingest.store.IngestTasks;
import org.aips.spi.HttpApi;
import org.aips.spi.PluginHost;
import org.aips.spi.services.FacesClient;
import org.pf4j.Extension;

import java.util.Optional;

/**
 * Seed 002's API, exactly as the seed writes its paths ({@code /v1/tasks/...}), and the searchable
 * groups ({@code /v1/groups/...}), served under the base path {@code /v1} with the contract
 * {@code faceingest.yaml}. Errors are
 * {@code {"code", "message"}} with a fitting HTTP status, also for the errors the host answers.
 */
@Extension
public final class FaceIngestApi implements HttpApi {

  @Override
  public String basePath() {
    return "/v1";
  }

  @Override
  public Optional<String> openApiResource() {
    return Optional.of("faceingest.yaml");
  }

  @Override
  public JsonObject errorBody(int status, String code, String message) {
    return Answers.error(code, message);
  }

  @Override
  public Router router(PluginHost host) {
    Settings settings = Settings.from(host.config());
    Pool pool = host.database().orElseThrow(() -> new IllegalStateException("the face ingestion API needs the plugin's database")).pool();
    IngestTasks store = new IngestTasks(pool);
    TaskLifecycle lifecycle = new TaskLifecycle(host.vertx(), store, host.tasks(), host.blobs(), settings);
    TaskRoutes tasks = new TaskRoutes(host.vertx(), lifecycle, new IngestLogs(pool), host.blobs(), settings);
    GroupFaces faces = new GroupFaces(pool);
    GroupRoutes groups = new GroupRoutes(host.vertx(), faces, GroupSearch.forNode(host, faces, settings),
        FacesClient.create(host.vertx().eventBus()), settings);
    Router router = Router.router(host.vertx());
    router.post("/tasks/create").handler(tasks::create);
    router.get("/tasks/:id/start").handler(tasks::start);
    router.get("/tasks/:id/stop").handler(tasks::stop);
    router.get("/tasks/:id/delete").handler(tasks::delete);
    router.get("/tasks/:id/detail").handler(tasks::detail);
    router.get("/tasks/:id/log").handler(tasks::log);
    router.get("/tasks/:id/download_log").handler(tasks::downloadLog);
    router.post("/tasks/list").handler(tasks::list);
    router.get("/groups").handler(groups::groups);
    router.get("/groups/:name/faces").handler(groups::faces);
    router.get("/groups/:name/faces/:faceId").handler(groups::face);
    router.delete("/groups/:name/faces/:faceId").handler(groups::deleteFace);
    router.post("/groups/:name/search").handler(groups::search);
    return router;
  }
}
