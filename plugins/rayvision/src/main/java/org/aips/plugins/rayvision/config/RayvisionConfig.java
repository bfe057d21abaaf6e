package org.aips.plugins.rayvision.config;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.RayvisionAccount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The plugin's section of the server configuration ({@code plugins.config.rayvision}), validated
 * once at start-up. Access keys come from the file or, better, from an environment variable named
 * by {@code accessKeyEnv}; they are kept only in {@link RayvisionAccount}, which never prints them.
 */
public record RayvisionConfig(Map<String, RayvisionAccount> accounts, String defaultAccount, ClientOptions client,
                              PollSettings poll, int maxConcurrentRenders, double estimatedSecondsPerFrame) {

  public RayvisionConfig {
    accounts = Map.copyOf(accounts);
    if (defaultAccount != null && !accounts.containsKey(defaultAccount)) {
      throw new IllegalArgumentException("defaultAccount '" + defaultAccount + "' is not among the accounts " + accounts.keySet());
    }
    if (maxConcurrentRenders < 1) {
      throw new IllegalArgumentException("maxConcurrentRenders must be at least 1");
    }
  }

  public static RayvisionConfig fromJson(JsonObject json, UnaryOperator<String> environment) {
    Map<String, RayvisionAccount> accounts = new LinkedHashMap<>();
    json.getJsonObject("accounts", new JsonObject()).forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject account)) {
        throw new IllegalArgumentException("accounts." + entry.getKey() + " must be an object");
      }
      accounts.put(entry.getKey(), account(entry.getKey(), account, environment));
    });
    String defaultAccount = json.getString("defaultAccount", accounts.size() == 1 ? accounts.keySet().iterator().next() : null);
    return new RayvisionConfig(accounts, defaultAccount, ClientOptions.fromJson(json.getJsonObject("client", new JsonObject())),
        PollSettings.fromJson(json.getJsonObject("poll", new JsonObject())), json.getInteger("maxConcurrentRenders", 1000),
        json.getDouble("estimatedSecondsPerFrame", 60.0));
  }

  /** The named account, or the default one when {@code name} is null. */
  public Optional<RayvisionAccount> account(String name) {
    return Optional.ofNullable(name == null ? (defaultAccount == null ? null : accounts.get(defaultAccount)) : accounts.get(name));
  }

  private static RayvisionAccount account(String name, JsonObject json, UnaryOperator<String> environment) {
    String key = json.getString("accessKey");
    String keyEnv = json.getString("accessKeyEnv");
    if (key == null && keyEnv != null) {
      key = environment.apply(keyEnv);
      if (key == null) {
        throw new IllegalArgumentException("accounts." + name + ".accessKeyEnv names " + keyEnv + ", which is not set");
      }
    }
    try {
      return new RayvisionAccount(name, json.getString("domain", "task.renderbus.com"), String.valueOf(json.getValue("platform", "2")),
          json.getString("accessId"), key, json.getBoolean("tls", true));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("accounts." + name + ": " + e.getMessage(), e);
    }
  }
}
