package org.aips.server.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.config.AipsConfig;
import org.aips.server.config.ConfigLoader;
import org.aips.server.db.DatabaseUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds test configurations and starts real nodes (embedded PostgreSQL, HTTP on a free port). */
public final class TestNode {

  /** The folder Maven fills with the example and rayvision plugin jars (and nothing else). */
  public static final Path EXAMPLE_PLUGINS = Path.of(System.getProperty("aips.test.plugins", "target/test-plugins"));
  /** The folder the build unpacks the npm model pack (and the face-api photos) into. */
  public static final Path MODEL_PACK = Path.of(System.getProperty("aips.test.modelPack", "../model-pack")).toAbsolutePath();
  public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

  private TestNode() {
  }

  public static Path newDataDir(String name) {
    try {
      Files.createDirectories(Path.of("target/test-data"));
      return Files.createTempDirectory(Path.of("target/test-data"), name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single-node configuration tuned for quick tests; {@code overrides} is merged on top. */
  public static AipsConfig config(Path dataDir, JsonObject overrides) {
    JsonObject tree = ConfigLoader.defaults();
    ConfigLoader.deepMerge(tree, new JsonObject()
        .put("dataDir", dataDir.toString())
        // TensorFlow only where a test asks for the inference role: it costs seconds and memory.
        .put("roles", roles("http", "scheduler", "executor"))
        .put("inference", new JsonObject().put("modelPackDir", MODEL_PACK.toString()))
        .put("http", new JsonObject().put("port", 0).put("instances", 1).put("host", "127.0.0.1"))
        .put("auth", new JsonObject().put("jwtSecret", SECRET))
        .put("plugins", new JsonObject().put("dir", EXAMPLE_PLUGINS.toAbsolutePath().toString()))
        .put("scheduler", new JsonObject().put("leaseSeconds", 3).put("orphanCheckSeconds", 1).put("sweepSeconds", 1)
            .put("blobGraceSeconds", 0).put("executorTimeoutSeconds", 4)
            // retries at once (tests of back-off set their own), a task waiting for a service looks again soon
            .put("retryBackoffSeconds", 0.0).put("retryBackoffMaxSeconds", 0.0).put("unavailableRetrySeconds", 0.2))
        // a closing node hands back what still runs after a second (tests of the clean stop set their own)
        .put("executor", new JsonObject().put("heartbeatSeconds", 1).put("shutdownGraceSeconds", 1))
        // gauges and webhook retries come quickly (tests of their timing set their own)
        .put("metrics", new JsonObject().put("gaugeSeconds", 0.5))
        .put("webhooks", new JsonObject().put("sweepSeconds", 0.5).put("backoffSeconds", 0.1).put("backoffMaxSeconds", 0.2)));
    ConfigLoader.deepMerge(tree, overrides);
    return ConfigLoader.load(writeTemp(tree), Map.of());
  }

  /** A TCP port free on loopback now (for a server that must come back on the same port, or a cluster member). */
  public static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The {@code db.url} setting for a node on this database, password included (test databases only: not URL-encoded). */
  public static String databaseUri(DatabaseUrl url) {
    return "postgresql://" + url.user() + ":" + url.password() + "@" + url.host() + ":" + url.port() + "/" + url.database();
  }

  /** The {@code cluster} settings of a node on loopback: Hazelcast on {@code port}, joining {@code members} ("127.0.0.1:port"). */
  public static JsonObject cluster(String name, int port, JsonArray members) {
    return new JsonObject().put("enabled", true).put("name", name).put("host", "127.0.0.1").put("port", port).put("members", members);
  }

  /**
   * Overrides that put back the production defaults of the timings {@link #config} shortens for tests
   * (orphan checks, heartbeats, gauge reads, webhook sweeps): a benchmark measures a node as it runs in production.
   */
  public static JsonObject productionTimings() {
    return new JsonObject()
        .put("scheduler", new JsonObject().put("orphanCheckSeconds", 5).put("sweepSeconds", 60).put("blobGraceSeconds", 60)
            .put("executorTimeoutSeconds", 30))
        .put("executor", new JsonObject().put("heartbeatSeconds", 3))
        .put("metrics", new JsonObject().put("gaugeSeconds", 5))
        .put("webhooks", new JsonObject().put("sweepSeconds", 5));
  }

  /** The same configuration written to a file, for a node in another JVM. */
  public static Path configFile(Path dataDir, JsonObject overrides) {
    return writeTemp(config(dataDir, overrides).toJson());
  }

  public static AipsServer start(AipsConfig config) {
    return AipsServer.start(config, TestTypes.all()).await();
  }

  public static JsonArray roles(String... roles) {
    return new JsonArray(java.util.List.of(roles));
  }

  static Path writeTemp(JsonObject tree) {
    try {
      // JSON is valid YAML, so the real loader (and its validation) reads it.
      Path file = Files.createTempFile("aips-test-config", ".yaml");
      Files.writeString(file, tree.encodePrettily());
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
