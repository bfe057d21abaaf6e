package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
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
import org.aips.server.db.DatabaseUrl;
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

  static final String CONTRACT = "api-spec/aips.yaml";

  private final AipsConfig config;
  private final DatabaseUrl databaseUrl;
  private final BlobStore blobs;
  private final JwtKeys keys;
  private final List<LoadedPlugins.PluginApi> pluginApis;
  private final IntConsumer onListening;
  private Pool pool;
  private TaskTypeDirectory directory;
  private WebClient webClient;

  public ApiVerticle(AipsConfig config, DatabaseUrl databaseUrl, BlobStore blobs, JwtKeys keys,
                     List<LoadedPlugins.PluginApi> pluginApis, IntConsumer onListening) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.blobs = blobs;
    this.keys = keys;
    this.pluginApis = pluginApis;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.dbPoolSize()))
        .connectingTo(databaseUrl.connectOptions()).using(vertx).build();
    directory = new TaskTypeDirectory(vertx, TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds()));
    directory.start(() -> { });
    webClient = WebClient.create(vertx);
    APIKeyHandler auth = APIKeyHandler.create(new UidTokenAuth(keys.provider(vertx))).header("x-token");
    return OpenAPIContract.from(vertx, CONTRACT).compose(contract -> {
      Router router = buildRouter(contract, auth);
      return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(config.httpCompression()))
          .requestHandler(router)
          .listen(config.httpPort(), config.httpHost());
    }).onSuccess((HttpServer server) -> onListening.accept(server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    directory.stop();
    webClient.close();
    return pool.close();
  }

  private Router buildRouter(OpenAPIContract contract, APIKeyHandler auth) {
    TaskRoutes tasks = new TaskRoutes(vertx, config, new TaskStore(pool, config.queueCountLimit()), blobs, directory);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor)
        .rootHandler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()))
        .security("xToken").apiKeyHandler(auth);
    VisionRoutes vision = new VisionRoutes(vertx, config);
    ContractValidation validation = new ContractValidation(contract, extractor);
    Map<String, Handler<RoutingContext>> operations = Map.of(
        "getTaskesWaiting", tasks::waiting,
        "getTaskesDone", tasks::done,
        "submitTask", tasks::submit,
        "queryTask", tasks::query,
        "getTaskResult", tasks::result,
        "cancelTask", tasks::cancel,
        "visionFaces", vision::faces,
        "visionObjects", vision::objects);
    operations.forEach((operationId, handler) -> builder.getRoute(operationId).setDoValidation(false)
        .addHandler(validation.handler(operationId)).addHandler(handler).addFailureHandler(ErrorResponses::handle));
    Router router = builder.createRouter();
    router.get("/api/openapi.yaml").handler(rc -> rc.response().putHeader("content-type", "application/yaml").sendFile(CONTRACT));
    mountPluginApis(router, auth);
    router.route().last().handler(rc -> rc.fail(404));
    router.route().failureHandler(ErrorResponses::handle);
    return router;
  }

  /** Each plugin's routes go under its base path, behind the same body limit, auth and error envelope. */
  private void mountPluginApis(Router router, APIKeyHandler auth) {
    for (LoadedPlugins.PluginApi plugin : pluginApis) {
      String base = plugin.api().basePath();
      PluginHostImpl host = new PluginHostImpl(vertx, webClient, config.pluginConfig(plugin.pluginId()),
          config.dataDir().resolve("plugin-data").resolve(plugin.pluginId()));
      plugin.api().openApiResource().ifPresent(resource -> router.get("/api/openapi/plugins/" + plugin.pluginId() + ".yaml")
          .handler(rc -> vertx.executeBlocking(() -> plugin.classLoader().getResourceAsStream(resource).readAllBytes())
              .onSuccess(bytes -> rc.response().putHeader("content-type", "application/yaml").end(io.vertx.core.buffer.Buffer.buffer(bytes)))
              .onFailure(rc::fail)));
      router.route(base + "/*").handler(auth);
      router.route(base + "/*").subRouter(plugin.api().router(host));
    }
  }
}
