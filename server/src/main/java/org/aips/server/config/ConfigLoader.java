package org.aips.server.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Builds the configuration: built-in defaults, then a YAML file, then AIPS_* environment variables. */
public final class ConfigLoader {

  /** Environment variables and the configuration keys they set. */
  private static final Map<String, String> ENVIRONMENT_KEYS = Map.ofEntries(
      Map.entry("AIPS_HTTP_PORT", "http.port"),
      Map.entry("AIPS_HTTP_HOST", "http.host"),
      Map.entry("AIPS_DATA_DIR", "dataDir"),
      Map.entry("AIPS_DB_URL", "db.url"),
      Map.entry("AIPS_JWT_SECRET", "auth.jwtSecret"),
      Map.entry("AIPS_JWT_PUBLIC_KEY", "auth.jwtPublicKeyPem"),
      Map.entry("AIPS_PLUGINS_DIR", "plugins.dir"),
      Map.entry("AIPS_ROLES", "roles"),
      Map.entry("AIPS_EVENT_LOOPS", "eventLoops"),
      Map.entry("AIPS_CLUSTER", "cluster.enabled"),
      Map.entry("AIPS_CLUSTER_HOST", "cluster.host"),
      Map.entry("AIPS_CLUSTER_PORT", "cluster.port"),
      Map.entry("AIPS_CLUSTER_MEMBERS", "cluster.members"),
      Map.entry("AIPS_MODEL_PACK_DIR", "inference.modelPackDir"),
      Map.entry("AIPS_INFERENCE_WORKERS", "inference.workers"),
      Map.entry("AIPS_METRICS", "metrics.enabled"),
      Map.entry("AIPS_LOG_FORMAT", "log.format"),
      Map.entry("AIPS_WEBHOOK_SECRET", "webhooks.secret"));

  private ConfigLoader() {
  }

  public static AipsConfig load(Path file, Map<String, String> environment) {
    JsonObject tree = defaults();
    if (file != null) {
      deepMerge(tree, readYaml(file));
    }
    ENVIRONMENT_KEYS.forEach((variable, key) -> {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        set(tree, key, parseScalar(key, value));
      }
    });
    try {
      return ConfigValidator.validate(new AipsConfig(tree));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("invalid configuration: a value has the wrong type or is missing ("
          + e.getMessage() + "); see docs/configuration.md");
    }
  }

  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/aips-defaults.yaml")) {
      return yamlToJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Overlays {@code overrides} onto {@code base}: nested objects merge, everything else replaces. */
  public static JsonObject deepMerge(JsonObject base, JsonObject overrides) {
    overrides.forEach(entry -> {
      Object current = base.getValue(entry.getKey());
      if (current instanceof JsonObject currentObject && entry.getValue() instanceof JsonObject overrideObject) {
        deepMerge(currentObject, overrideObject);
      } else {
        base.put(entry.getKey(), entry.getValue());
      }
    });
    return base;
  }

  private static JsonObject readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("configuration file not found: " + file.toAbsolutePath());
    }
    try (InputStream in = Files.newInputStream(file)) {
      return yamlToJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject yamlToJson(InputStream in) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    if (loaded == null) {
      return new JsonObject();
    }
    if (!(loaded instanceof Map)) {
      throw new IllegalArgumentException("configuration must be a YAML mapping");
    }
    return new JsonObject((Map<String, Object>) loaded);
  }

  private static Object parseScalar(String key, String value) {
    if (key.equals("roles") || key.equals("cluster.members")) {
      return new JsonArray(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    if (key.endsWith(".port")) {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a port number, got '" + value + "'");
      }
    }
    if (key.equals("inference.workers") || key.equals("eventLoops")) {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
      }
    }
    if (key.equals("cluster.enabled") || key.equals("metrics.enabled")) {
      return Boolean.parseBoolean(value.trim());
    }
    return value;
  }

  private static void set(JsonObject tree, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
