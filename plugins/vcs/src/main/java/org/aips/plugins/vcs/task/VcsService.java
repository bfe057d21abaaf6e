package org.aips.plugins.vcs.task;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.spi.PluginHost;
import org.aips.spi.PluginService;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's background work on nodes with the database: stores the events device analyses
 * send (wherever they run), and starts scheduled tasks when their execStartTime comes (checked
 * every {@code launchCheckMillis}, default 1000; claims are atomic, so several nodes may check).
 */
@Extension
public final class VcsService implements PluginService {

  /** Where device analyses send events (request/reply); see analysis.EventPublisher. */
  public static final String EVENTS_ADDRESS = "aips.plugin.vcs.events";

  private static final Logger LOG = LoggerFactory.getLogger(VcsService.class);

  private PluginHost host;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  @Override
  public Future<Void> start(PluginHost host) {
    this.host = host;
    EventStore events = new EventStore(host.database().orElseThrow(() -> new IllegalStateException("the vcs plugin needs a database")).pool());
    ComputeTasks tasks = new ComputeTasks(host, System::currentTimeMillis);
    consumer = host.vertx().eventBus().consumer(EVENTS_ADDRESS, message -> {
      JsonObject body = message.body();
      events.insert(body.getString("computeTaskId"), body.getString("deviceId"), body.getJsonArray("events"))
          .onSuccess(message::reply)
          .onFailure(e -> {
            LOG.warn("storing events of task {} failed", body.getString("computeTaskId"), e);
            message.fail(500, e.getMessage());
          });
    });
    long every = host.config().getLong("launchCheckMillis", 1000L);
    timer = host.vertx().setPeriodic(every, id -> tasks.launchDue().onFailure(e -> LOG.warn("starting scheduled compute tasks failed", e)));
    return consumer.completion();
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) {
      host.vertx().cancelTimer(timer);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
