package org.aips.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.VertxOptions;
import org.aips.server.api.ApiVerticle;
import org.aips.server.auth.JwtKeys;
import org.aips.server.blob.BlobStore;
import org.aips.server.cluster.ClusterManagers;
import org.aips.server.config.AipsConfig;
import org.aips.server.config.AipsConfig.Role;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.db.Migrations;
import org.aips.server.executor.ExecutorCodecs;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.executor.ExecutorVerticle;
import org.aips.server.health.NodeState;
import org.aips.server.inference.InferenceMeters;
import org.aips.server.inference.InferenceVerticle;
import org.aips.server.logging.LogFormat;
import org.aips.server.metrics.MetricsServer;
import org.aips.server.metrics.MetricsSettings;
import org.aips.server.metrics.NodeMetrics;
import org.aips.server.metrics.TaskEventMeters;
import org.aips.server.metrics.TaskGauges;
import org.aips.server.inference.ModelSpec;
import org.aips.server.style.StyleSettings;
import org.aips.server.style.StyleVerticle;
import org.aips.server.vision.VisionVerticle;
import io.vertx.core.json.JsonObject;
import org.aips.server.plugin.LoadedPlugins;
import org.aips.server.plugin.PluginHostImpl;
import org.aips.server.plugin.PluginLoader;
import org.aips.server.plugin.PluginRuntime;
import org.aips.server.api.PluginTaskApi;
import org.aips.server.scheduler.SchedulerVerticle;
import org.aips.server.webhook.WebhookSecret;
import org.aips.server.webhook.WebhookSettings;
import org.aips.server.webhook.WebhookVerticle;
import org.aips.spi.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One AIPS node: Vert.x (clustered or not), the database (embedded unless configured), plugins,
 * and the verticles of the node's roles. Verticles talk only over the event bus.
 */
public final class AipsServer {

  private static final Logger LOG = LoggerFactory.getLogger(AipsServer.class);
  /** How much longer than the executors' grace a scheduler waits for their outcomes before handing back what is left. */
  private static final long DRAIN_MARGIN_MILLIS = 10_000;

  private final Vertx vertx;
  private final AipsConfig config;
  private final String nodeId;
  private EmbeddedDatabase embedded;
  private volatile DatabaseUrl databaseUrl;
  private PluginLoader plugins;
  private final AtomicInteger httpPort = new AtomicInteger(-1);
  private final NodeState state;
  private ExecutorVerticle executor;
  private SchedulerVerticle scheduler;
  private Future<Void> closing;

  private final NodeMetrics metrics;

  private AipsServer(Vertx vertx, AipsConfig config, NodeMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.nodeId = UUID.randomUUID().toString().substring(0, 8);
    this.state = new NodeState(config.roles().toString());
  }

  /** For test harnesses and embedders that run a node in their own main: SIGTERM/SIGINT then stop it cleanly. */
  public void stopCleanlyOnSignals() {
    ShutdownSignals.install(this::close);
  }

  /** Starts a node with the task types found in the plugins folder plus {@code builtInTypes}. */
  public static Future<AipsServer> start(AipsConfig config, List<TaskType> builtInTypes) {
    LogFormat.apply(config.logFormat());
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(config.clusterHost()))
        .setEventLoopPoolSize(config.eventLoops(Runtime.getRuntime().availableProcessors()));
    NodeMetrics metrics = NodeMetrics.create(config.metrics());
    VertxBuilder builder = metrics.instrument(Vertx.builder(), options);
    Future<Vertx> vertx = config.clusterEnabled()
        ? builder.withClusterManager(ClusterManagers.hazelcast(config)).buildClustered()
        : Future.succeededFuture(builder.build());
    return vertx.compose(v -> {
      ExecutorCodecs.register(v.eventBus());
      TaskChanges.registerCodec(v.eventBus());
      AipsServer server = new AipsServer(v, config, metrics);
      return server.deploy(builtInTypes).map(server).recover(e -> server.close().transform(closed -> Future.failedFuture(e)));
    });
  }

  public Vertx vertx() {
    return vertx;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Where this node's database is (the embedded one's port is chosen at start); null on a node without one. */
  public DatabaseUrl databaseUrl() {
    return databaseUrl;
  }

  /** The HTTP port actually bound (useful with port 0), or -1 on a node without the http role. */
  public int httpPort() {
    return httpPort.get();
  }

  private Future<Void> deploy(List<TaskType> builtInTypes) {
    BlobStore blobs = new BlobStore(config.dataDir().resolve("blobs"));
    boolean needsDatabase = config.hasRole(Role.HTTP) || config.hasRole(Role.SCHEDULER);
    Future<DatabaseUrl> database = needsDatabase ? vertx.executeBlocking(this::prepareDatabase) : Future.succeededFuture();
    Future<LoadedPlugins> loaded = vertx.executeBlocking(() -> {
      plugins = new PluginLoader(config.pluginsDir());
      return plugins.load();
    });
    Future<JwtKeys> keys = config.hasRole(Role.HTTP) ? vertx.executeBlocking(() -> JwtKeys.from(config)) : Future.succeededFuture();
    return Future.all(database, loaded, keys).compose(ready -> {
      PluginRuntime runtime = new PluginRuntime(config, loaded.result(), database.result(), blobs,
          () -> new PluginTaskApi(vertx, config, database.result(), blobs), config.hasRole(Role.HTTP));
      return vertx.deployVerticle(runtime).map(runtime);
    }).compose(runtime -> {
      List<Future<String>> deployments = new ArrayList<>();
      if (config.hasRole(Role.EXECUTOR)) {
        List<TaskType> types = initialised(loaded.result().taskTypes(), runtime.hosts());
        types.addAll(builtInTypes);
        long heartbeat = TimeUnit.SECONDS.toMillis(config.heartbeatSeconds());
        executor = new ExecutorVerticle(types, nodeId, heartbeat, blobs);
        deployments.add(vertx.deployVerticle(executor));
      }
      if (config.hasRole(Role.SCHEDULER)) {
        scheduler = new SchedulerVerticle(config, database.result(), blobs, nodeId);
        deployments.add(vertx.deployVerticle(scheduler));
      }
      if (config.hasRole(Role.SCHEDULER)) {
        deployments.add(deployWebhooks(database.result()));
      }
      deployments.addAll(deployMetrics(database.result()));
      if (config.hasRole(Role.INFERENCE)) {
        deployments.add(deployInference());
      }
      if (config.hasRole(Role.HTTP)) {
        List<LoadedPlugins.PluginApi> apis = loaded.result().httpApis().stream()
            .filter(api -> runtime.hosts().containsKey(api.pluginId())).toList();
        deployments.add(vertx.deployVerticle(() -> new ApiVerticle(config, database.result(), blobs, keys.result(),
            apis, runtime.hosts(), state, metrics, httpPort::set), new DeploymentOptions().setInstances(config.httpInstances())));
      }
      return Future.all(deployments).onSuccess(up -> state.serving(runtime.failedPlugins()));
    }).onSuccess(done -> LOG.info("AIPS node {} up with roles {}{}", nodeId, config.roles(),
        httpPort() > 0 ? ", HTTP on port " + httpPort() : "")).mapEmpty();
  }

  /** The inference verticles (one TensorFlow thread and its sessions each), then the vision and style services. */
  private Future<String> deployInference() {
    List<ModelSpec> models = config.inferenceModels().stream()
        .map(model -> ModelSpec.fromConfig(model.getKey(), (JsonObject) model.getValue(), config.modelPackDir(), config.inferenceQueueLimit()))
        .toList();
    InferenceMeters meters = new InferenceMeters(metrics.registry());
    return vertx.deployVerticle(() -> new InferenceVerticle(models, config.inferenceSessionThreads(), meters),
            new DeploymentOptions().setInstances(config.inferenceWorkers()))
        .compose(inference -> vertx.deployVerticle(new VisionVerticle(config.vision(), config.imagePixelsLimit())))
        .compose(vision -> {
          StyleSettings style = config.style();
          return style.enabled() ? vertx.deployVerticle(new StyleVerticle(style, config.imagePixelsLimit())) : Future.succeededFuture(vision);
        });
  }

  /** Completion webhooks, delivered by the scheduler nodes (the signing secret may have to be created first). */
  private Future<String> deployWebhooks(DatabaseUrl database) {
    WebhookSettings settings = WebhookSettings.fromConfig(config.webhooks());
    return vertx.executeBlocking(() -> WebhookSecret.resolve(settings.secret(), config.dataDir()))
        .compose(secret -> vertx.deployVerticle(new WebhookVerticle(settings, secret, database, metrics.registry())));
  }

  /** Task meters from the event stream (every node), database gauges (scheduler nodes), a scrape port of its own if configured. */
  private List<Future<String>> deployMetrics(DatabaseUrl database) {
    MetricsSettings settings = metrics.settings();
    if (!settings.enabled()) {
      return List.of();
    }
    List<Future<String>> deployments = new ArrayList<>();
    deployments.add(vertx.deployVerticle(new TaskEventMeters(metrics.registry())));
    if (config.hasRole(Role.SCHEDULER)) {
      deployments.add(vertx.deployVerticle(new TaskGauges(metrics.registry(), database, settings.gaugeSeconds())));
    }
    if (settings.port() != null) {
      deployments.add(vertx.deployVerticle(new MetricsServer(metrics, config.httpHost())));
    }
    return deployments;
  }

  /** Hands each plugin task type its host; a type whose plugin failed, or whose init fails, is left out. */
  private List<TaskType> initialised(List<LoadedPlugins.PluginTaskType> pluginTypes, Map<String, PluginHostImpl> hosts) {
    List<TaskType> ready = new ArrayList<>();
    for (LoadedPlugins.PluginTaskType plugin : pluginTypes) {
      PluginHostImpl host = hosts.get(plugin.pluginId());
      if (host == null) {
        continue;
      }
      try {
        plugin.type().init(host);
        ready.add(plugin.type());
      } catch (RuntimeException | LinkageError e) {
        LOG.error("task type {} of plugin {} left out: its init failed", plugin.type().name(), plugin.pluginId(), e);
      }
    }
    return ready;
  }

  private DatabaseUrl prepareDatabase() throws Exception {
    DatabaseUrl url;
    if (config.dbUrl() == null) {
      embedded = EmbeddedDatabase.start(config.dataDir());
      url = embedded.url();
    } else {
      url = DatabaseUrl.parse(config.dbUrl());
    }
    Migrations.migrate(url);
    databaseUrl = url;
    return url;
  }

  /**
   * A clean stop (what SIGTERM does): readiness turns 503; the scheduler claims nothing more; running
   * tasks get executor.shutdownGraceSeconds to finish and are handed back after that (queued again,
   * unchanged); every completion is written; then the verticles (plugin services in reverse order),
   * the plugins and the embedded database stop. Nothing that finished runs again.
   */
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = stopCleanly();
    }
    return closing;
  }

  private Future<Void> stopCleanly() {
    state.stopping();
    long grace = TimeUnit.SECONDS.toMillis(config.shutdownGraceSeconds());
    Future<Void> finished = executor == null ? Future.succeededFuture() : executor.finish(grace);
    Future<Void> drained = scheduler == null ? Future.succeededFuture() : scheduler.drain(grace + DRAIN_MARGIN_MILLIS);
    return Future.join(finished, drained).transform(quiet -> {
      if (quiet.failed()) {
        LOG.warn("stopping: the clean stop did not complete", quiet.cause());
      }
      return vertx.close();
    }).transform(closed -> Future.succeededFuture()).compose(v -> {
      try {
        if (plugins != null) {
          plugins.close();
        }
        if (embedded != null) {
          embedded.close();
        }
        return Future.<Void>succeededFuture();
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    });
  }
}
