package org.aips.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.function.Supplier;

/**
 * SIGTERM and SIGINT run the node's clean stop to its end before the JVM begins to exit. A plain
 * shutdown hook cannot: the JVM runs all hooks at once, and the embedded database's own hook (its
 * library registers one) would stop PostgreSQL while running tasks still finish and completions
 * are still being written.
 */
final class ShutdownSignals {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {
  }

  static void install(Supplier<io.vertx.core.Future<Void>> cleanStop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> new Thread(() -> {
        LOG.info("SIG{} received: stopping cleanly", name);
        try {
          cleanStop.get().await();
        } catch (RuntimeException e) {
          LOG.error("the clean stop failed", e);
        }
        System.exit(0);
      }, "aips-clean-stop").start());
    }
  }
}
