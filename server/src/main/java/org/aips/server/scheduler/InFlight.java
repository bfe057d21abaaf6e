package org.aips.server.scheduler;

/** A task this scheduler has dispatched and not yet seen finish. */
final class InFlight {

  final long id;
  final String type;
  final int attempt;
  final long dispatchedAt;
  long lastSeen;

  InFlight(long id, String type, int attempt, long now) {
    this.id = id;
    this.type = type;
    this.attempt = attempt;
    this.dispatchedAt = now;
    this.lastSeen = now;
  }
}
