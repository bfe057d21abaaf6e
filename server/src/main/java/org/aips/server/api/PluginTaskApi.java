package org.aips.server.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.config.AipsConfig;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.plugin.TaskApiFactory;
import org.aips.spi.HostTasks;

import java.util.concurrent.TimeUnit;

/**
 * The host's task API for all plugins of a node: the REST API's storage and checks (one insert
 * path, one group commit), used from the context it was made on: plugin calls from any thread hop
 * onto it, so the batcher and caches stay single-threaded.
 */
public final class PluginTaskApi implements TaskApiFactory {

  final Vertx vertx;
  final Context context;
  final AipsConfig config;
  final BlobStore blobs;
  final Pool pool;
  private final Pool batchPool;
  final TaskStore store;
  final PluginTaskStore pluginStore;
  final SubmissionBatcher batcher;
  final Submissions submissions;
  final TaskTypeDirectory directory;
  final RunTimeEstimates runTimes;

  /** Call on the event loop that will own it (a verticle's start). */
  public PluginTaskApi(Vertx vertx, AipsConfig config, DatabaseUrl database, BlobStore blobs) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.blobs = blobs;
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.max(2, config.dbPoolSize() / 4)))
        .connectingTo(database.lookupOptions()).using(vertx).build();
    this.batchPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(database.batchOptions()).using(vertx).build();
    this.store = new TaskStore(pool, batchPool, config.queueCountLimit());
    this.pluginStore = new PluginTaskStore(pool);
    this.batcher = new SubmissionBatcher(vertx, store, config.vipStep());
    this.submissions = new Submissions(config);
    this.directory = new TaskTypeDirectory(vertx, TimeUnit.SECONDS.toMillis(config.executorTimeoutSeconds()));
    this.directory.start(() -> { });
    this.runTimes = new RunTimeEstimates(vertx, store, directory);
  }

  @Override
  public HostTasks forPlugin(String pluginId) {
    return new PluginTasks(this, pluginId);
  }

  public Future<Void> close() {
    directory.stop();
    return Future.all(pool.close(), batchPool.close()).mapEmpty();
  }
}
