package org.aips.server.scheduler;

/** A task this scheduler has dispatched and not yet seen finish. */
final class InFlight {

  final long id;
  final String type;
  final int attempt;
  final long dispatchedAt;
  /** The plugin that submitted the task and the task's id as that plugin knows it; both null for REST tasks. */
  final String owner;
  final String ownedId;
  long lastSeen;

  InFlight(long id, String type, int attempt, long now, String owner, String ownedId) {
    this.id = id;
    this.type = type;
    this.attempt = attempt;
    this.dispatchedAt = now;
    this.lastSeen = now;
    this.owner = owner;
    this.ownedId = ownedId;
  }
}
