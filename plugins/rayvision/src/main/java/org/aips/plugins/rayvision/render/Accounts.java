package org.aips.plugins.rayvision.render;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.aips.plugins.rayvision.client.RayvisionAccount;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.config.RayvisionConfig;
import org.aips.plugins.rayvision.poll.TaskPoller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One client and one shared poller per configured account, made on first use. */
final class Accounts {

  record Connection(RayvisionClient client, TaskPoller poller) {
  }

  private final Vertx vertx;
  private final WebClient webClient;
  private final RayvisionConfig config;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  Accounts(Vertx vertx, WebClient webClient, RayvisionConfig config) {
    this.vertx = vertx;
    this.webClient = webClient;
    this.config = config;
  }

  RayvisionConfig config() {
    return config;
  }

  /** The named account's connection, the default account's when {@code name} is null. */
  Optional<Connection> connection(String name) {
    return config.account(name).map(account -> connections.computeIfAbsent(account.name(), n -> connect(account)));
  }

  private Connection connect(RayvisionAccount account) {
    RayvisionClient client = RayvisionClient.create(vertx, webClient, account, config.client());
    return new Connection(client, new TaskPoller(vertx, client, config.poll()));
  }
}
