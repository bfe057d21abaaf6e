package org.aips.plugins.rayvision.config;

import io.vertx.core.json.JsonObject;

/**
 * How the shared poller asks the farm about running tasks.
 *
 * @param minIntervalMillis     a task's poll interval right after it changed
 * @param maxIntervalMillis     the interval a quiet task backs off to
 * @param backoffFactor         growth of the interval per unchanged answer
 * @param batchSize             task ids per {@code queryTaskInfo} call
 * @param maxRequestsPerSecond  ceiling of poll calls per account
 * @param refusedTimeoutMillis  how long polls of a task may keep being refused (404, 601, a wrong
 *                              path) before the task fails with the farm's message
 */
public record PollSettings(long minIntervalMillis, long maxIntervalMillis, double backoffFactor, int batchSize,
                           double maxRequestsPerSecond, long refusedTimeoutMillis) {

  public static final long DEFAULT_REFUSED_TIMEOUT_MILLIS = 600_000;

  public PollSettings {
    if (minIntervalMillis < 1 || maxIntervalMillis < minIntervalMillis) {
      throw new IllegalArgumentException("poll intervals must satisfy 1 <= minIntervalMillis <= maxIntervalMillis");
    }
    if (backoffFactor < 1) {
      throw new IllegalArgumentException("poll.backoffFactor must be at least 1");
    }
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("poll.batchSize must be between 1 and 1000");
    }
    if (!(maxRequestsPerSecond > 0)) {
      throw new IllegalArgumentException("poll.maxRequestsPerSecond must be positive");
    }
    if (refusedTimeoutMillis < 1) {
      throw new IllegalArgumentException("poll.refusedTimeoutMillis must be positive");
    }
  }

  public PollSettings(long minIntervalMillis, long maxIntervalMillis, double backoffFactor, int batchSize, double maxRequestsPerSecond) {
    this(minIntervalMillis, maxIntervalMillis, backoffFactor, batchSize, maxRequestsPerSecond, DEFAULT_REFUSED_TIMEOUT_MILLIS);
  }

  public static PollSettings defaults() {
    return new PollSettings(2_000, 30_000, 1.5, 100, 2);
  }

  public static PollSettings fromJson(JsonObject json) {
    PollSettings d = defaults();
    return new PollSettings(json.getLong("minIntervalMillis", d.minIntervalMillis),
        json.getLong("maxIntervalMillis", d.maxIntervalMillis), json.getDouble("backoffFactor", d.backoffFactor),
        json.getInteger("batchSize", d.batchSize), json.getDouble("maxRequestsPerSecond", d.maxRequestsPerSecond),
        json.getLong("refusedTimeoutMillis", d.refusedTimeoutMillis));
  }

  /** The least time between two poll calls of one account. */
  public long minGapMillis() {
    return (long) Math.ceil(1000 / maxRequestsPerSecond);
  }
}
