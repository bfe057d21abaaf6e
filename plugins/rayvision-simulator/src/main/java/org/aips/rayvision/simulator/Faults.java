package org.aips.rayvision.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Faults queued for the next requests of a path (or of any path). */
final class Faults {

  private record Planned(String path, Fault fault) {
  }

  private final Deque<Planned> planned = new ArrayDeque<>();

  synchronized void add(String path, Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      planned.add(new Planned(path, fault));
    }
  }

  synchronized Optional<Fault> take(String path) {
    for (var it = planned.iterator(); it.hasNext(); ) {
      Planned next = it.next();
      if (next.path() == null || next.path().equals(path)) {
        it.remove();
        return Optional.of(next.fault());
      }
    }
    return Optional.empty();
  }

  synchronized void clear() {
    planned.clear();
  }
}
