package org.aips.server.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runs a scheduler has dispatched and not yet seen end, by task id, with a count per type. */
final class InFlightRuns {

  private final Map<Long, InFlight> byId = new HashMap<>();
  private final Map<String, Integer> byType = new HashMap<>();

  void add(InFlight run) {
    byId.put(run.id, run);
    byType.merge(run.type, 1, Integer::sum);
  }

  InFlight get(long id) {
    return byId.get(id);
  }

  /** Forgets the run; false when it was already gone (another duty ended it first). */
  boolean release(InFlight run) {
    if (byId.remove(run.id) == null) {
      return false;
    }
    byType.merge(run.type, -1, Integer::sum);
    return true;
  }

  int count(String type) {
    return byType.getOrDefault(type, 0);
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  int size() {
    return byId.size();
  }

  List<Long> ids() {
    return new ArrayList<>(byId.keySet());
  }

  /** A copy: duties release runs while they walk it. */
  List<InFlight> all() {
    return List.copyOf(byId.values());
  }
}
