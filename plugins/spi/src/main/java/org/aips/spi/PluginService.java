package org.aips.spi;

import io.vertx.core.Future;
import org.pf4j.ExtensionPoint;

/**
 * Long-lived work of a plugin (background jobs, recovery after a restart), contributed as a pf4j
 * {@code @Extension}. Started on every node with the {@code http} role, after the plugin's
 * migrations, in the order plugins are loaded; stopped in reverse order when the node stops. A
 * service whose start fails is logged with its cause and left stopped; the node serves on.
 */
public interface PluginService extends ExtensionPoint {

  /** A short name for logs; the class name by default. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Starts the service; must not block the event loop it is called on. */
  Future<Void> start(PluginHost host);

  /** Stops the service gracefully (finish or hand back what is in progress). */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
