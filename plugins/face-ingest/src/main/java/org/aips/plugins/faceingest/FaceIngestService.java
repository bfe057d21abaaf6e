package org.aips.plugins.faceingest;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.faceingest.search.GroupSearch;
import org.aips.plugins.faceingest.search.IdentifyService;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.aips.plugins.faceingest.store.IngestTasks;
import org.aips.spi.PluginHost;
import org.aips.spi.PluginService;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies seed 002's restart rule when the service starts: every task that was running (its AIPS
 * task queued or running, or cut off by a crash) is stopped, until someone starts it again, which
 * resumes it from its resume point. {@code stopRunningOnRestart: false} lets them go on instead.
 * It also serves face identification in groups to other plugins ({@link IdentifyService}).
 */
@Extension
public final class FaceIngestService implements PluginService {

  private static final Logger LOG = LoggerFactory.getLogger(FaceIngestService.class);

  private PluginHost host;
  private MessageConsumer<JsonObject> identify;

  @Override
  public Future<Void> start(PluginHost host) {
    this.host = host;
    Settings settings = Settings.from(host.config());
    if (host.database().isEmpty()) {
      return Future.succeededFuture();
    }
    // other plugins identify faces in groups through the event bus; served where the groups' table is
    identify = IdentifyService.register(host.vertx().eventBus(),
        GroupSearch.forNode(host, new GroupFaces(host.database().get().pool()), settings));
    if (!settings.stopRunningOnRestart()) {
      return Future.succeededFuture();
    }
    IngestTasks store = new IngestTasks(host.database().get().pool());
    return new TaskLifecycle(host.vertx(), store, host.tasks(), host.blobs(), settings).stopAllRunning()
        .onSuccess(stopped -> {
          if (stopped > 0) {
            LOG.info("stopped {} face ingestion tasks that were running before the restart", stopped);
          }
        }).mapEmpty();
  }

  /**
   * Stops identifying, then commits and closes this node's search indexes (a build in progress is
   * abandoned; the next search starts it again).
   */
  @Override
  public Future<Void> stop() {
    Future<Void> unregistered = identify == null ? Future.succeededFuture() : identify.unregister();
    return host == null ? unregistered : unregistered.eventually(() -> GroupSearch.closeNode(host));
  }
}
