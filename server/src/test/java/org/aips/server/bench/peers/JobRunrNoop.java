package org.aips.server.bench.peers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The JobRunr job of the benchmark: does nothing but count itself and note when it started. Public: JobRunr calls it by name. */
public final class JobRunrNoop {

  static final AtomicLong RUNS = new AtomicLong();
  static final Map<Integer, Long> STARTS = new ConcurrentHashMap<>();
  static volatile boolean noteStarts;

  private JobRunrNoop() {
  }

  public static void run(int i) {
    if (noteStarts) {
      STARTS.put(i, System.nanoTime());
    }
    RUNS.incrementAndGet();
  }
}
