package org.aips.server.plugin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.aips.server.blob.BlobStore;
import org.aips.server.config.AipsConfig;
import org.aips.server.db.DatabaseUrl;
import org.aips.spi.HostTasks;
import org.aips.spi.PluginDatabase;
import org.aips.spi.PluginService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Every plugin's host on this node: its schema (migrations applied, pool made), the host's task
 * API and blob store for it, then its services, started one after another in load order and
 * stopped in reverse. Every call into plugin code is guarded: a plugin whose schema or service
 * fails is logged with its cause, listed in {@link #failedPlugins()}, and the node serves on.
 */
public final class PluginRuntime extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  private final AipsConfig config;
  private final LoadedPlugins plugins;
  private final DatabaseUrl database;
  private final BlobStore blobs;
  private final Supplier<TaskApiFactory> taskApis;
  private final boolean runServices;
  private final Map<String, PluginHostImpl> hosts = new LinkedHashMap<>();
  private final Set<String> failed = new TreeSet<>();
  private final Deque<PluginService> started = new ArrayDeque<>();
  private final List<Pool> pools = new java.util.ArrayList<>();

  /**
   * @param database    null on a node without a database: plugins then get no schema, task API or blob holds
   * @param taskApis    made on this verticle's context, only when there is a database
   * @param runServices true on nodes with the http role
   */
  public PluginRuntime(AipsConfig config, LoadedPlugins plugins, DatabaseUrl database, BlobStore blobs,
                       Supplier<TaskApiFactory> taskApis, boolean runServices) {
    this.config = config;
    this.plugins = plugins;
    this.database = database;
    this.blobs = blobs;
    this.taskApis = taskApis;
    this.runServices = runServices;
  }

  /** The hosts of the plugins that are up (read after deployment). */
  public Map<String, PluginHostImpl> hosts() {
    return hosts;
  }

  public Set<String> failedPlugins() {
    return failed;
  }

  @Override
  public Future<?> start() {
    WebClient webClient = WebClient.create(vertx);
    Pool corePool = database == null ? null : track(PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(database.connectOptions()).using(vertx).build());
    TaskApiFactory factory = database == null ? null : taskApis.get();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, ClassLoader> plugin : plugins.classLoaders().entrySet()) {
      String id = plugin.getKey();
      chain = chain.compose(v -> schema(id, plugin.getValue())
          .map(db -> {
            HostTasks tasks = factory == null ? new NoTaskApi() : factory.forPlugin(id);
            hosts.put(id, new PluginHostImpl(id, vertx, webClient, config.pluginConfig(id),
                config.dataDir().resolve("plugin-data").resolve(id), db, tasks, new BlobsImpl(vertx, blobs, corePool, id, config.pluginUploadBytesLimit())));
            return (Void) null;
          })
          .otherwise(e -> {
            fail(id, "its database schema could not be prepared", e);
            return null;
          }));
    }
    return runServices ? chain.compose(v -> startServices()) : chain;
  }

  private Future<Optional<PluginDatabase>> schema(String id, ClassLoader loader) {
    if (database == null || !PluginSchemas.shipsMigrations(loader)) {
      return Future.succeededFuture(Optional.empty());
    }
    return vertx.executeBlocking(() -> new PluginSchemas(database).prepare(id, loader), false)
        .map(prepared -> Optional.of(new PluginDatabaseImpl(track(PluginSchemas.pool(vertx, prepared, config.pluginDbPoolSize())), prepared.schema())));
  }

  private Future<Void> startServices() {
    Future<Void> chain = Future.succeededFuture();
    for (LoadedPlugins.PluginServiceEntry entry : plugins.services()) {
      chain = chain.compose(v -> {
        PluginHostImpl host = hosts.get(entry.pluginId());
        if (host == null) {
          return Future.succeededFuture();
        }
        return guarded(() -> entry.service().start(host))
            .onSuccess(ok -> {
              started.push(entry.service());
              LOG.info("service {} of plugin {} started", entry.service().name(), entry.pluginId());
            })
            .otherwise(e -> {
              fail(entry.pluginId(), "its service " + entry.service().getClass().getName() + " failed to start", e);
              return null;
            });
      });
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!started.isEmpty()) {
      PluginService service = started.pop();
      chain = chain.compose(v -> guarded(service::stop).otherwise(e -> {
        LOG.error("service {} failed to stop cleanly", service.getClass().getName(), e);
        return null;
      }));
    }
    return chain.compose(v -> Future.join(pools.stream().map(Pool::close).toList())).mapEmpty();
  }

  private void fail(String pluginId, String why, Throwable cause) {
    failed.add(pluginId);
    hosts.remove(pluginId);
    LOG.error("plugin {} marked failed: {}", pluginId, why, cause);
  }

  private Pool track(Pool pool) {
    pools.add(pool);
    return pool;
  }

  /** Plugin code may throw instead of failing its future, or return null. */
  static Future<Void> guarded(Supplier<Future<Void>> call) {
    try {
      Future<Void> result = call.get();
      return result == null ? Future.failedFuture(new IllegalStateException("returned null instead of a future")) : result;
    } catch (RuntimeException | LinkageError e) {
      return Future.failedFuture(e);
    }
  }
}
