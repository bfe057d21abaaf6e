package org.aips.server.api;

import io.vertx.core.Future;

import java.util.function.Supplier;

/** A service-wide count that many clients poll: read from the database at most once per {@code maxAgeMillis}. */
final class CachedCount {

  private final Supplier<Future<Long>> source;
  private final long maxAgeMillis;
  private Future<Long> current;
  private long readAt;

  CachedCount(Supplier<Future<Long>> source, long maxAgeMillis) {
    this.source = source;
    this.maxAgeMillis = maxAgeMillis;
  }

  Future<Long> get() {
    long now = System.currentTimeMillis();
    if (current == null || now - readAt > maxAgeMillis || current.failed()) {
      current = source.get();
      readAt = now;
    }
    return current;
  }
}
