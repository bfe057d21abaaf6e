package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.aips.server.auth.JwtKeys;
import org.aips.server.auth.UidTokenAuth;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.config.AipsConfig;
import org.aips.server.console.ConsoleRoutes;
import org.aips.server.console.QueueRoute;
import org.aips.server.console.TaskWatchRoute;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.health.NodeState;
import org.aips.server.metrics.NodeMetrics;
import org.aips.server.plugin.LoadedPlugins;
import org.aips.server.plugin.PluginHostImpl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The REST API: routes built from {@code api-spec/aips.yaml} (requests validated by the contract),
 * x-token authentication, plugin routes under their own base paths, and one error envelope.
 */
public final class ApiVerticle extends VerticleBase {

  static final String CONTRACT = CoreContract.RESOURCE;

  private final AipsConfig config;
  private final DatabaseUrl databaseUrl;
  private final BlobStore blobs;
  private final JwtKeys keys;
  private final List<LoadedPlugins.PluginApi> pluginApis;
  private final Map<String, PluginHostImpl> pluginHosts;
  private final NodeState node;
  private final NodeMetrics metrics;
  private final IntConsumer onListening;
  private Pool pool;
  private Pool batchPool;
  private TaskTypeDirectory directory;

  public ApiVerticle(AipsConfig config, DatabaseUrl databaseUrl, BlobStore blobs, JwtKeys keys,
                     List<LoadedPlugins.PluginApi> pluginApis, Map<String, PluginHostImpl> pluginHosts, NodeState node,
                     NodeMetrics metrics, IntConsumer onListening) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.blobs = blobs;
    this.keys = keys;
    this.pluginApis = pluginApis;
    this.pluginHosts = pluginHosts;
    this.node = node;
    this.metrics = metrics;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.dbPoolSize()))
        .connectingTo(databaseUrl.lookupOptions()).using(vertx).build();
    batchPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(databaseUrl.batchOptions()).using(vertx).build();
    directory = new TaskTypeDirectory(vertx, TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds()));
    directory.start(() -> { });
    APIKeyHandler auth = APIKeyHandler.create(new UidTokenAuth(keys.provider(vertx))).header("x-token");
    Future<PluginRoutes> plugins = PluginRoutes.mount(vertx, config, pluginApis, pluginHosts);
    Future<ConsoleRoutes> console = ConsoleRoutes.create(vertx, config.console());
    return Future.all(CoreContract.load(vertx), plugins, console).compose(ready -> {
      Router router = buildRouter(ready.resultAt(0), auth, plugins.result(), console.result());
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(config.httpCompression()))
          .requestHandler(router);
      metrics.httpServer().ifPresent(meters -> server.connectionHandler(meters.connections()));
      return server.listen(config.httpPort(), config.httpHost());
    }).onSuccess((HttpServer server) -> onListening.accept(server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    directory.stop();
    return Future.all(pool.close(), batchPool.close());
  }

  private Router buildRouter(OpenAPIContract contract, APIKeyHandler auth, PluginRoutes plugins, ConsoleRoutes console) {
    TaskRoutes tasks = new TaskRoutes(vertx, config, new TaskStore(pool, batchPool, config.queueCountLimit()), blobs, directory);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    // image uploads may be multipart forms: their file part goes to a temporary file, deleted after the answer
    BodyHandler imageBody = BodyHandler.create(config.dataDir().resolve("tmp").resolve("uploads").toString())
        .setBodyLimit(config.bodyLimitBytes()).setDeleteUploadedFilesOnEnd(true);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
    metrics.httpServer().ifPresent(meters -> builder.rootHandler(meters::handle));
    builder
        // plugin routes read (or stream) their bodies themselves: see PluginRoutes
        .rootHandler(rc -> {
          if (plugins.owns(rc.normalizedPath())) {
            rc.next();
          } else if (VisionRoutes.owns(rc.normalizedPath())) {
            imageBody.handle(rc);
          } else {
            body.handle(rc);
          }
        })
        .security("xToken").apiKeyHandler(auth);
    VisionRoutes vision = new VisionRoutes(vertx, config);
    ContractValidation validation = new ContractValidation(contract, extractor, true);
    TaskWatchRoute watch = new TaskWatchRoute(vertx, config.console(), tasks::findView);
    QueueRoute queue = new QueueRoute(pool, directory);
    Map<String, Handler<RoutingContext>> operations = Map.ofEntries(
        Map.entry("getTaskesWaiting", tasks::waiting),
        Map.entry("getTaskesDone", tasks::done),
        Map.entry("submitTask", tasks::submit),
        Map.entry("submitTasks", tasks::submitAll),
        Map.entry("queryTask", tasks::query),
        Map.entry("getTaskResult", tasks::result),
        Map.entry("cancelTask", tasks::cancel),
        Map.entry("getTaskEvents", tasks::events),
        Map.entry("watchTask", watch::handle),
        Map.entry("getQueue", queue::handle),
        Map.entry("visionFaces", vision::faces),
        Map.entry("visionObjects", vision::objects));
    UserRateLimits limits = UserRateLimits.of(vertx, config);
    operations.forEach((operationId, handler) -> {
      var route = builder.getRoute(operationId).setDoValidation(false);
      if (limits != null) {
        route.addHandler(limits::handle); // after the contract's security handler: the uid is known
      }
      route.addHandler(validation.handler(operationId)).addHandler(handler).addFailureHandler(ErrorResponses::handle);
    });
    Router router = builder.createRouter();
    router.get("/api/openapi.yaml").handler(rc -> rc.response().putHeader("content-type", "application/yaml").sendFile(CONTRACT));
    plugins.addTo(router, auth, limits);
    HealthRoutes.addTo(router, vertx, node, pool);
    console.addTo(router);
    metrics.apiScrapeHandler().ifPresent(scrape -> {
      var route = router.get(metrics.settings().path());
      if (metrics.settings().requireToken()) {
        route.handler(auth);
      }
      route.handler(scrape).failureHandler(ErrorResponses::handle);
    });
    router.route().last().handler(rc -> rc.fail(404));
    router.route().failureHandler(ErrorResponses::handle);
    return router;
  }
}
