package org.aips.server.executor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an executor reports its runs: the inbox of the scheduler that dispatched them, or, once
 * that scheduler has gone and another adopted its runs, the adopter's. Read from any thread
 * (checkpoints may be saved from a worker).
 */
final class SchedulerInboxes {

  private final Map<String, String> adopted = new ConcurrentHashMap<>();

  /** The inbox that now takes reports about runs dispatched from {@code inbox}. */
  String current(String inbox) {
    String to = adopted.get(inbox);
    return to == null ? inbox : current(to); // an adopter may have gone and been adopted in turn
  }

  void adoptedBy(String gone, String adopter) {
    if (!gone.equals(adopter)) {
      adopted.put(gone, adopter);
    }
  }
}
