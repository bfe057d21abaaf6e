package org.aips.server.bench.peers;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The JobRunr job of the benchmark: does nothing but count itself and note when it started. Public: JobRunr calls it by name. */
public final class JobRunrNoop {

  static final AtomicLong RUNS = new AtomicLong();
  /** Completed with System.nanoTime() when the job of that number starts; only the idle latency registers any. */
  static final Map<Integer, CompletableFuture<Long>> STARTS = new ConcurrentHashMap<>();

  private JobRunrNoop() {
  }

  public static void run(int i) {
    CompletableFuture<Long> start = STARTS.isEmpty() ? null : STARTS.remove(i);
    if (start != null) {
      start.complete(System.nanoTime());
    }
    RUNS.incrementAndGet();
  }
}
