package org.aips.server.scheduler;

import java.util.List;
import java.util.function.Supplier;

/** Renews the leases of what runs and of what finished but is not yet written: both are still this node's work. */
final class LeaseRenewer {

  private final SchedulerScope scope;
  private final Supplier<List<Long>> unwrittenIds;

  LeaseRenewer(SchedulerScope scope, Supplier<List<Long>> unwrittenIds) {
    this.scope = scope;
    this.unwrittenIds = unwrittenIds;
  }

  void renew() {
    List<Long> ids = scope.runs.ids();
    ids.addAll(unwrittenIds.get());
    if (!ids.isEmpty()) {
      scope.store.renewLeases(scope.nodeId, scope.config.leaseSeconds(), ids).onFailure(e -> scope.warn("renewing leases failed", e));
    }
  }
}
