package org.aips.server.style;

import io.vertx.core.eventbus.EventBus;

import java.util.function.DoubleConsumer;

/** Sends a painting's progress to the requester's address, at most every 200 ms (every iteration would flood the bus). */
final class ProgressSender implements DoubleConsumer {

  private static final long INTERVAL_NANOS = 200_000_000L;

  private final EventBus bus;
  private final String address;
  private long lastSent;

  ProgressSender(EventBus bus, String address) {
    this.bus = bus;
    this.address = address;
  }

  @Override
  public void accept(double fraction) {
    long now = System.nanoTime();
    if (address != null && (fraction >= 1.0 || now - lastSent >= INTERVAL_NANOS)) {
      lastSent = now;
      bus.send(address, fraction);
    }
  }
}
