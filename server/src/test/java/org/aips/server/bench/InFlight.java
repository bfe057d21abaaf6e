package org.aips.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a blocking call for 0..n-1 on {@code width} threads: at most {@code width} calls in flight. */
public final class InFlight {

  public interface Call {
    void run(int i) throws Exception;
  }

  private InFlight() {
  }

  /** Seconds taken for all n calls. */
  public static double run(int n, int width, Call call) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    List<Thread> lanes = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int lane = 0; lane < width; lane++) {
      Thread thread = new Thread(() -> {
        try {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            call.run(i);
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
          next.set(n);
        }
      }, "in-flight-" + lane);
      thread.start();
      lanes.add(thread);
    }
    for (Thread lane : lanes) {
      lane.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a call failed", failures.get(0));
    }
    return seconds;
  }
}
