package org.aips.plugins.rayvision.client;

import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.Map;

/**
 * Timeouts, retry policy and path table of a client, validated once.
 *
 * @param connectTimeoutMillis   TCP connect timeout
 * @param requestTimeoutMillis   longest wait for an answer once connected
 * @param maxAttempts            attempts per call, including the first (1 disables retries)
 * @param retryBaseDelayMillis   pause before the first retry; doubles each time, with jitter
 * @param retryMaxDelayMillis    upper bound of a pause
 * @param maxConcurrentRequests  requests of this client on the wire at once; keep it below the
 *                               HTTP pool size (Vert.x: 5 per host) so calls queue without a deadline
 * @param pathSet                which path table to call: the seed's (default) or the current SDK's
 * @param paths                  path per operation: the path set's, unless overridden here
 */
public record ClientOptions(long connectTimeoutMillis, long requestTimeoutMillis, int maxAttempts,
                            long retryBaseDelayMillis, long retryMaxDelayMillis, int maxConcurrentRequests,
                            PathSet pathSet, Map<Operation, String> paths) {

  public static final String SDK_VERSION = "2.0.0";
  public static final String CHANNEL = "4";

  public ClientOptions {
    if (connectTimeoutMillis < 1 || requestTimeoutMillis < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10");
    }
    if (retryBaseDelayMillis < 0 || retryMaxDelayMillis < retryBaseDelayMillis) {
      throw new IllegalArgumentException("retry delays must satisfy 0 <= retryBaseDelayMillis <= retryMaxDelayMillis");
    }
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
    }
    if (pathSet == null) {
      throw new IllegalArgumentException("pathSet is required (SEED or SDK)");
    }
    EnumMap<Operation, String> all = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      String path = paths.getOrDefault(op, op.path(pathSet));
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path of " + op + " must start with '/': " + path);
      }
      all.put(op, path);
    }
    paths = Map.copyOf(all);
  }

  public static ClientOptions defaults() {
    return new ClientOptions(5_000, 30_000, 4, 500, 8_000, 4, PathSet.SEED, Map.of());
  }

  /**
   * Reads {@code {connectTimeoutMillis, requestTimeoutMillis, maxAttempts, retryBaseDelayMillis,
   * retryMaxDelayMillis, maxConcurrentRequests, pathSet: "seed"|"sdk", paths: {QUERY_TASK_INFO: "/..."}}};
   * absent fields keep their defaults.
   */
  public static ClientOptions fromJson(JsonObject json) {
    ClientOptions d = defaults();
    Map<Operation, String> paths = new EnumMap<>(Operation.class);
    json.getJsonObject("paths", new JsonObject()).forEach(e -> {
      try {
        paths.put(Operation.valueOf(e.getKey()), String.valueOf(e.getValue()));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException("unknown operation in paths: " + e.getKey() + " (known: "
            + java.util.Arrays.toString(Operation.values()) + ")");
      }
    });
    return new ClientOptions(
        json.getLong("connectTimeoutMillis", d.connectTimeoutMillis),
        json.getLong("requestTimeoutMillis", d.requestTimeoutMillis),
        json.getInteger("maxAttempts", d.maxAttempts),
        json.getLong("retryBaseDelayMillis", d.retryBaseDelayMillis),
        json.getLong("retryMaxDelayMillis", d.retryMaxDelayMillis),
        json.getInteger("maxConcurrentRequests", d.maxConcurrentRequests),
        pathSet(json.getString("pathSet", "seed")), paths);
  }

  private static PathSet pathSet(String name) {
    try {
      return PathSet.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pathSet must be \"seed\" or \"sdk\", got: " + name);
    }
  }

  public String path(Operation operation) {
    return paths.get(operation);
  }

  public ClientOptions withRetries(int attempts, long baseDelayMillis, long maxDelayMillis) {
    return new ClientOptions(connectTimeoutMillis, requestTimeoutMillis, attempts, baseDelayMillis, maxDelayMillis,
        maxConcurrentRequests, pathSet, paths);
  }

  public ClientOptions withTimeouts(long connectMillis, long requestMillis) {
    return new ClientOptions(connectMillis, requestMillis, maxAttempts, retryBaseDelayMillis, retryMaxDelayMillis,
        maxConcurrentRequests, pathSet, paths);
  }

  /** The given path set, without per-operation overrides. */
  public ClientOptions withPathSet(PathSet set) {
    return new ClientOptions(connectTimeoutMillis, requestTimeoutMillis, maxAttempts, retryBaseDelayMillis, retryMaxDelayMillis,
        maxConcurrentRequests, set, Map.of());
  }

  public ClientOptions withPath(Operation operation, String path) {
    Map<Operation, String> changed = new EnumMap<>(paths);
    changed.put(operation, path);
    return new ClientOptions(connectTimeoutMillis, requestTimeoutMillis, maxAttempts, retryBaseDelayMillis, retryMaxDelayMillis,
        maxConcurrentRequests, pathSet, changed);
  }
}
