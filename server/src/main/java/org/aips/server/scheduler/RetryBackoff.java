package org.aips.server.scheduler;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a task waits before it runs again. After a failure or a lost lease: exponential,
 * {@code base × 2^(attempt − 1)} capped at {@code max}; while a service it needs is not up:
 * {@code unavailable}. Both with ±50 % jitter, so that tasks failed together do not return together.
 */
record RetryBackoff(double baseSeconds, double maxSeconds, double unavailableSeconds) {

  double afterFailure(int attempt) {
    return jitter(Math.min(maxSeconds, baseSeconds * Math.pow(2, Math.max(0, attempt - 1))));
  }

  double whileUnavailable() {
    return jitter(unavailableSeconds);
  }

  private static double jitter(double seconds) {
    return seconds * (0.5 + ThreadLocalRandom.current().nextDouble());
  }
}
