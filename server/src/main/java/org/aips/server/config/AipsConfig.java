package org.aips.server.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.console.ConsoleSettings;
import org.aips.server.metrics.MetricsSettings;
import org.aips.server.style.StyleSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server configuration: an immutable view over the merged YAML tree with typed accessors.
 * It is a {@link JsonObject} underneath so it can travel to verticles as their config.
 */
public final class AipsConfig {

  public enum Role { HTTP, SCHEDULER, EXECUTOR, INFERENCE }

  private final JsonObject tree;

  public AipsConfig(JsonObject tree) {
    this.tree = tree.copy();
  }

  public JsonObject toJson() {
    return tree.copy();
  }

  public Path dataDir() {
    return Path.of(tree.getString("dataDir")).toAbsolutePath();
  }

  public Set<Role> roles() {
    return tree.getJsonArray("roles").stream()
        .map(r -> Role.valueOf(r.toString().trim().toUpperCase()))
        .collect(Collectors.toUnmodifiableSet());
  }

  public boolean hasRole(Role role) {
    return roles().contains(role);
  }

  /**
   * Event-loop threads of the node's Vert.x (setting {@code eventLoops}; 0: automatic). On two cores,
   * which the node shares with PostgreSQL, one loop did better than two or four on every queue
   * figure (docs/benchmarks.md): the HTTP verticles, the scheduler and the executor hand each task to
   * one another on one thread instead of waking a sleeping one. More cores keep Vert.x's two per core.
   */
  public int eventLoops(int cores) {
    return eventLoopsSetting() > 0 ? eventLoopsSetting() : cores <= 2 ? 1 : 2 * cores;
  }

  public int eventLoopsSetting() { return tree.getInteger("eventLoops"); }

  public String httpHost() { return section("http").getString("host"); }
  public int httpPort() { return section("http").getInteger("port"); }
  public int httpInstances() { return section("http").getInteger("instances"); }

  public int queryCacheSize() { return section("http").getInteger("queryCacheSize"); }
  public long bodyLimitBytes() { return section("http").getLong("bodyLimitBytes"); }
  public int maxBatchTasks() { return section("http").getInteger("maxBatchTasks"); }
  public boolean httpCompression() { return section("http").getBoolean("compression"); }
  public double rateLimitPerSecond() { return section("http").getJsonObject("rateLimit").getDouble("requestsPerSecond"); }
  public long rateLimitBurst() { return section("http").getJsonObject("rateLimit").getLong("burst"); }

  public String dbUrl() { return section("db").getString("url"); }
  public int dbPoolSize() { return section("db").getInteger("poolSize"); }

  public String jwtSecret() { return section("auth").getString("jwtSecret"); }
  public String jwtPublicKeyPem() { return section("auth").getString("jwtPublicKeyPem"); }
  public long mintTtlSeconds() { return section("auth").getLong("mintTtlSeconds"); }

  public long imageBytesLimit() { return section("limits").getLong("imageBytes"); }
  public long imagePixelsLimit() { return section("limits").getLong("imagePixels"); }
  public long keepSecondsMax() { return section("limits").getLong("keepSecondsMax"); }
  public long keepSecondsDefault() { return section("limits").getLong("keepSecondsDefault"); }
  public int demandVisitTimesMax() { return section("limits").getInteger("demandVisitTimesMax"); }
  public int demandVisitTimesDefault() { return section("limits").getInteger("demandVisitTimesDefault"); }
  public int qualityDefault() { return section("limits").getInteger("qualityDefault"); }

  public int vipStep() { return section("queue").getInteger("vipStep"); }
  public int queueCountLimit() { return section("queue").getInteger("countLimit"); }

  public int claimBatch() { return section("scheduler").getInteger("claimBatch"); }
  public long claimBytes() { return section("scheduler").getLong("claimBytes"); }
  public int leaseSeconds() { return section("scheduler").getInteger("leaseSeconds"); }
  public int maxAttempts() { return section("scheduler").getInteger("maxAttempts"); }
  public int executorTimeoutSeconds() { return section("scheduler").getInteger("executorTimeoutSeconds"); }
  public int orphanCheckSeconds() { return section("scheduler").getInteger("orphanCheckSeconds"); }
  public int sweepSeconds() { return section("scheduler").getInteger("sweepSeconds"); }
  public int blobGraceSeconds() { return section("scheduler").getInteger("blobGraceSeconds"); }
  public long inlineInputBytes() { return section("scheduler").getLong("inlineInputBytes"); }
  public double retryBackoffSeconds() { return section("scheduler").getDouble("retryBackoffSeconds"); }
  public double retryBackoffMaxSeconds() { return section("scheduler").getDouble("retryBackoffMaxSeconds"); }
  public double unavailableRetrySeconds() { return section("scheduler").getDouble("unavailableRetrySeconds"); }

  /** Per-type cap on tasks in flight, overriding what executors announce. */
  public JsonObject concurrencyCaps() { return section("scheduler").getJsonObject("concurrency", new JsonObject()); }

  public int heartbeatSeconds() { return section("executor").getInteger("heartbeatSeconds"); }
  public int shutdownGraceSeconds() { return section("executor").getInteger("shutdownGraceSeconds"); }

  public Path pluginsDir() {
    String dir = section("plugins").getString("dir");
    return dir == null ? dataDir().resolve("plugins") : Path.of(dir).toAbsolutePath();
  }
  /** How a plugin's routes authenticate: {@code xToken} (default) or {@code none} ({@code plugins.auth.<id>}). */
  public String pluginAuth(String pluginId) {
    return section("plugins").getJsonObject("auth", new JsonObject()).getString(pluginId, "xToken");
  }

  public int pluginDbPoolSize() { return section("plugins").getInteger("dbPoolSize"); }
  public long pluginUploadBytesLimit() { return section("plugins").getLong("uploadBytesLimit"); }

  public JsonObject pluginConfig(String pluginId) {
    return section("plugins").getJsonObject("config", new JsonObject()).getJsonObject(pluginId, new JsonObject());
  }

  public Path modelPackDir() { return Path.of(section("inference").getString("modelPackDir")).toAbsolutePath(); }
  /** Inference verticles on this node; 0 in the configuration means one per CPU core. */
  public int inferenceWorkers() {
    int workers = section("inference").getInteger("workers");
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }
  public int inferenceSessionThreads() { return section("inference").getInteger("sessionThreads"); }
  public int inferenceQueueLimit() { return section("inference").getInteger("queueLimit"); }
  /** Model name to its settings ({@code inference.models}). */
  public JsonObject inferenceModels() { return section("inference").getJsonObject("models", new JsonObject()); }
  /** The {@code vision} section, handed to the vision verticle as is. */
  public JsonObject vision() { return section("vision").copy(); }
  public ConsoleSettings console() { return ConsoleSettings.fromConfig(section("console")); }
  public StyleSettings style() { return StyleSettings.fromConfig(section("style"), modelPackDir()); }
  public long visionTimeoutMillis() { return section("vision").getLong("requestTimeoutMs"); }

  public MetricsSettings metrics() { return MetricsSettings.fromConfig(section("metrics")); }
  /** {@code text} or {@code json}. */
  public String logFormat() { return section("log").getString("format"); }
  /** The {@code webhooks} section, read by {@code WebhookSettings}. */
  public JsonObject webhooks() { return section("webhooks").copy(); }
  public boolean webhooksAllowPrivateNetworks() { return section("webhooks").getBoolean("allowPrivateNetworks"); }
  public int webhookMaxUrlLength() { return section("webhooks").getInteger("maxUrlLength"); }

  public boolean clusterEnabled() { return section("cluster").getBoolean("enabled"); }
  public String clusterName() { return section("cluster").getString("name"); }
  public String clusterHost() { return section("cluster").getString("host"); }
  public int clusterPort() { return section("cluster").getInteger("port"); }
  public List<String> clusterMembers() {
    JsonArray members = section("cluster").getJsonArray("members", new JsonArray());
    return members.stream().map(Object::toString).toList();
  }

  private JsonObject section(String name) {
    return tree.getJsonObject(name);
  }
}
