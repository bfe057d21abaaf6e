package org.aips.rayvision.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the simulated farm behaves. Times are short by default so tests finish quickly; a demo can
 * slow them down.
 *
 * @param port             HTTP port (0 picks a free one)
 * @param accounts         access id → access key of the accounts that may call
 * @param maxClockSkewSeconds how far {@code UTCTimestamp} may be from the simulator's clock before 610
 * @param waitingMillis    how long a submitted task waits before rendering starts
 * @param frameMillis      render time of one frame
 * @param parallelFrames   frames rendered at once per task (full speed multiplies it by 4)
 * @param failingFrames    frame numbers that fail on their first render (a recommit renders them fine)
 */
public record SimulatorOptions(int port, Map<String, String> accounts, long maxClockSkewSeconds, long waitingMillis,
                               long frameMillis, int parallelFrames, Set<Integer> failingFrames) {

  public SimulatorOptions {
    accounts = Map.copyOf(accounts);
    failingFrames = Set.copyOf(failingFrames);
    if (parallelFrames < 1 || frameMillis < 1 || waitingMillis < 0 || maxClockSkewSeconds < 1) {
      throw new IllegalArgumentException("parallelFrames and frameMillis must be positive, waitingMillis >= 0, maxClockSkewSeconds >= 1");
    }
  }

  /** One account, quick renders, no failing frames. */
  public static SimulatorOptions defaults(String accessId, String accessKey) {
    return new SimulatorOptions(0, Map.of(accessId, accessKey), 300, 200, 100, 2, Set.of());
  }

  public SimulatorOptions withPort(int value) {
    return new SimulatorOptions(value, accounts, maxClockSkewSeconds, waitingMillis, frameMillis, parallelFrames, failingFrames);
  }

  public SimulatorOptions withAccount(String accessId, String accessKey) {
    Map<String, String> more = new HashMap<>(accounts);
    more.put(accessId, accessKey);
    return new SimulatorOptions(port, more, maxClockSkewSeconds, waitingMillis, frameMillis, parallelFrames, failingFrames);
  }

  public SimulatorOptions withTiming(long waiting, long frame, int parallel) {
    return new SimulatorOptions(port, accounts, maxClockSkewSeconds, waiting, frame, parallel, failingFrames);
  }

  public SimulatorOptions withFailingFrames(Set<Integer> frames) {
    return new SimulatorOptions(port, accounts, maxClockSkewSeconds, waitingMillis, frameMillis, parallelFrames, frames);
  }
}
