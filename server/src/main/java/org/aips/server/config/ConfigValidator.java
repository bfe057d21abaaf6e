package org.aips.server.config;

import org.aips.server.console.ConsoleSettings;
import org.aips.server.metrics.MetricsSettings;
import org.aips.server.style.StyleSettings;

import java.util.ArrayList;
import java.util.List;

/** Checks a configuration once at start-up so that mistakes fail fast with every problem named. */
final class ConfigValidator {

  private ConfigValidator() {
  }

  static AipsConfig validate(AipsConfig config) {
    List<String> problems = new ArrayList<>();
    try {
      config.roles();
    } catch (RuntimeException e) {
      problems.add("roles must be a list of http, scheduler, executor, inference");
    }
    check(problems, config.httpPort() >= 0 && config.httpPort() <= 65535, "http.port must be 0..65535");
    check(problems, config.httpInstances() >= 1, "http.instances must be at least 1");
    check(problems, config.eventLoopsSetting() >= 0, "eventLoops must be 0 (automatic) or more");
    check(problems, config.queryCacheSize() >= 0, "http.queryCacheSize must be 0 or more");
    check(problems, config.bodyLimitBytes() >= 1024, "http.bodyLimitBytes must be at least 1024");
    check(problems, config.maxBatchTasks() >= 1, "http.maxBatchTasks must be at least 1");
    check(problems, config.rateLimitPerSecond() >= 0, "http.rateLimit.requestsPerSecond must be 0 (off) or more");
    check(problems, config.rateLimitBurst() >= 1, "http.rateLimit.burst must be at least 1");
    try {
      config.httpCompression();
    } catch (ClassCastException e) {
      problems.add("http.compression must be true or false");
    }
    check(problems, config.dbPoolSize() >= 1, "db.poolSize must be at least 1");
    check(problems, config.imageBytesLimit() >= 1, "limits.imageBytes must be positive");
    check(problems, config.inlineInputBytes() >= 0, "scheduler.inlineInputBytes must not be negative");
    check(problems, config.retryBackoffSeconds() >= 0 && config.retryBackoffMaxSeconds() >= config.retryBackoffSeconds(),
        "scheduler.retryBackoffSeconds must not be negative nor above scheduler.retryBackoffMaxSeconds");
    check(problems, config.unavailableRetrySeconds() > 0, "scheduler.unavailableRetrySeconds must be positive");
    check(problems, config.shutdownGraceSeconds() >= 0, "executor.shutdownGraceSeconds must not be negative");
    check(problems, config.pluginDbPoolSize() >= 1, "plugins.dbPoolSize must be positive");
    check(problems, config.pluginUploadBytesLimit() >= 1, "plugins.uploadBytesLimit must be positive");
    check(problems, config.imagePixelsLimit() >= 1, "limits.imagePixels must be positive");
    check(problems, config.keepSecondsMax() >= 1, "limits.keepSecondsMax must be positive");
    check(problems, config.keepSecondsDefault() >= 1 && config.keepSecondsDefault() <= config.keepSecondsMax(),
        "limits.keepSecondsDefault must be in 1..limits.keepSecondsMax");
    check(problems, config.demandVisitTimesDefault() >= 1 && config.demandVisitTimesDefault() <= config.demandVisitTimesMax(),
        "limits.demandVisitTimesDefault must be in 1..limits.demandVisitTimesMax");
    check(problems, config.qualityDefault() >= 0 && config.qualityDefault() <= 100, "limits.qualityDefault must be 0..100");
    check(problems, config.vipStep() >= 0, "queue.vipStep must not be negative");
    check(problems, config.queueCountLimit() >= 1, "queue.countLimit must be at least 1");
    check(problems, config.claimBatch() >= 1, "scheduler.claimBatch must be at least 1");
    check(problems, config.claimBytes() >= 1, "scheduler.claimBytes must be at least 1");
    check(problems, config.leaseSeconds() >= 1, "scheduler.leaseSeconds must be at least 1");
    check(problems, config.maxAttempts() >= 1, "scheduler.maxAttempts must be at least 1");
    check(problems, config.executorTimeoutSeconds() >= 1, "scheduler.executorTimeoutSeconds must be at least 1");
    check(problems, config.heartbeatSeconds() >= 1 && config.heartbeatSeconds() < config.executorTimeoutSeconds(),
        "executor.heartbeatSeconds must be at least 1 and below scheduler.executorTimeoutSeconds");
    check(problems, config.jwtSecret() == null || config.jwtSecret().length() >= 32,
        "auth.jwtSecret (AIPS_JWT_SECRET) must be at least 32 characters");
    check(problems, config.inferenceSessionThreads() >= 1, "inference.sessionThreads must be at least 1");
    check(problems, config.inferenceQueueLimit() >= 1, "inference.queueLimit must be at least 1");
    check(problems, config.visionTimeoutMillis() >= 1, "vision.requestTimeoutMs must be at least 1");
    try {
      StyleSettings style = config.style();
      check(problems, style.maxSide() >= 16, "style.maxSide must be at least 16");
      check(problems, style.threads() >= 0, "style.threads must not be negative");
      check(problems, style.queueLimit() >= 0, "style.queueLimit must not be negative");
    } catch (IllegalArgumentException | ClassCastException e) {
      problems.add(e.getMessage());
    }
    try {
      ConsoleSettings console = config.console();
      check(problems, console.cacheMaxAgeSeconds() >= 0, "console.cacheMaxAgeSeconds must not be negative");
      check(problems, console.maxWatchStreams() >= 0, "console.watch.maxStreams must not be negative");
      check(problems, console.watchRefreshMillis() >= 0, "console.watch.refreshMillis must not be negative");
      check(problems, console.watchHeartbeatSeconds() >= 1, "console.watch.heartbeatSeconds must be at least 1");
    } catch (ClassCastException | NullPointerException e) {
      problems.add("console: a value has the wrong type (" + e.getMessage() + ")");
    }
    config.inferenceModels().forEach(model -> checkModel(problems, model.getKey(), model.getValue()));
    MetricsSettings metrics = config.metrics();
    check(problems, metrics.path() != null && metrics.path().matches("/[A-Za-z0-9._~/-]*") && !metrics.path().startsWith("/api/"),
        "metrics.path must be a path such as /metrics, outside /api/");
    check(problems, metrics.port() == null || (metrics.port() >= 0 && metrics.port() <= 65535), "metrics.port must be null or 0..65535");
    check(problems, metrics.gaugeSeconds() > 0, "metrics.gaugeSeconds must be positive");
    check(problems, List.of("text", "json").contains(config.logFormat()), "log.format must be text or json");
    checkWebhooks(problems, config.webhooks());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
    return config;
  }

  private static void checkModel(List<String> problems, String name, Object value) {
    String key = "inference.models." + name;
    if (!(value instanceof io.vertx.core.json.JsonObject model)) {
      problems.add(key + " must be a mapping");
      return;
    }
    check(problems, model.getValue("path") instanceof String, key + ".path is required");
    check(problems, model.getValue("input") instanceof String, key + ".input is required");
    check(problems, model.getValue("outputs") instanceof io.vertx.core.json.JsonArray, key + ".outputs must be a list");
    check(problems, List.of("graph", "savedmodel").contains(model.getString("format", "graph")), key + ".format must be graph or savedmodel");
    check(problems, model.getInteger("maxBatch", 1) >= 1, key + ".maxBatch must be at least 1");
    check(problems, model.getLong("maxQueueDelayMs", 0L) >= 0, key + ".maxQueueDelayMs must not be negative");
  }

  private static void checkWebhooks(List<String> problems, io.vertx.core.json.JsonObject webhooks) {
    String secret = webhooks.getString("secret");
    check(problems, secret == null || secret.matches("whsec_[A-Za-z0-9+/]{22,}={0,2}"),
        "webhooks.secret must be whsec_ followed by the base64 of at least 16 bytes");
    String trusted = webhooks.getString("trustedCertificates");
    check(problems, trusted == null || java.nio.file.Files.isReadable(java.nio.file.Path.of(trusted)),
        "webhooks.trustedCertificates must be a readable PEM file (or null): " + trusted);
    check(problems, webhooks.getInteger("maxUrlLength") >= 16, "webhooks.maxUrlLength must be at least 16");
    check(problems, webhooks.getDouble("timeoutSeconds") > 0, "webhooks.timeoutSeconds must be positive");
    check(problems, webhooks.getDouble("backoffSeconds") > 0 && webhooks.getDouble("backoffMaxSeconds") >= webhooks.getDouble("backoffSeconds"),
        "webhooks.backoffSeconds must be positive and at most webhooks.backoffMaxSeconds");
    check(problems, webhooks.getInteger("maxAttempts") >= 1, "webhooks.maxAttempts must be at least 1");
    check(problems, webhooks.getLong("giveUpAfterSeconds") >= 1, "webhooks.giveUpAfterSeconds must be positive");
    check(problems, webhooks.getDouble("sweepSeconds") > 0, "webhooks.sweepSeconds must be positive");
    check(problems, webhooks.getInteger("concurrency") >= 1, "webhooks.concurrency must be at least 1");
    check(problems, webhooks.getLong("keepSeconds") >= 0, "webhooks.keepSeconds must not be negative");
  }

  private static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
