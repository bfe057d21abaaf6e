package org.aips.server.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import org.aips.server.config.AipsConfig;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A request budget per user on this node (http.rateLimit): a token bucket per uid, refilled at
 * requestsPerSecond up to burst, shared by the node's HTTP verticles. A request over budget gets
 * {@code 429 RATE_LIMITED} with {@code Retry-After} (whole seconds until a request fits again).
 * Runs after authentication, on every authenticated route, core and plugin.
 */
final class UserRateLimits implements Shareable {

  /** Beyond this many users tracked, full (idle) buckets are dropped: a full bucket is the same as a new one. */
  private static final int TRIM_ABOVE = 100_000;

  private final double perSecond;
  private final long burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private UserRateLimits(double perSecond, long burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** The node's limiter, made by the first HTTP verticle that asks; null when http.rateLimit is off. */
  static UserRateLimits of(Vertx vertx, AipsConfig config) {
    if (config.rateLimitPerSecond() <= 0) {
      return null;
    }
    LocalMap<String, UserRateLimits> shared = vertx.sharedData().getLocalMap("aips.http.rateLimits");
    UserRateLimits fresh = new UserRateLimits(config.rateLimitPerSecond(), config.rateLimitBurst());
    UserRateLimits existing = shared.putIfAbsent("node", fresh);
    return existing == null ? fresh : existing;
  }

  void handle(RoutingContext rc) {
    String uid = Users.uid(rc);
    ConsumptionProbe probe = buckets.computeIfAbsent(uid, u -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (buckets.size() > TRIM_ABOVE) {
      buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= burst);
    }
    if (probe.isConsumed()) {
      rc.next();
      return;
    }
    long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / (double) TimeUnit.SECONDS.toNanos(1)));
    rc.response().putHeader("retry-after", Long.toString(retryAfter));
    rc.fail(new ApiException(429, "RATE_LIMITED", "more than " + format(perSecond) + " requests per second (bursts of " + burst
        + ") from user " + uid + "; retry after " + retryAfter + " s"));
  }

  private Bucket newBucket() {
    long nanosPerToken = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond));
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
        .build();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
