package org.aips.server.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.TreeSet;

/**
 * Whether this node serves: set once every verticle of its roles is up (models loaded, plugins
 * started), cleared when a shutdown begins so that load balancers stop sending work first.
 * Read by the readiness check of every HTTP verticle; written by the node.
 */
public final class NodeState {

  public enum Phase { STARTING, SERVING, STOPPING }

  private volatile Phase phase = Phase.STARTING;
  private volatile Set<String> failedPlugins = Set.of();
  private final String roles;

  public NodeState(String roles) {
    this.roles = roles;
  }

  public void serving(Set<String> failed) {
    this.failedPlugins = Set.copyOf(new TreeSet<>(failed));
    this.phase = Phase.SERVING;
  }

  public void stopping() {
    this.phase = Phase.STOPPING;
  }

  public Phase phase() {
    return phase;
  }

  public JsonObject describe() {
    return new JsonObject().put("phase", phase.name()).put("roles", roles)
        .put("failedPlugins", new JsonArray(failedPlugins.stream().sorted().toList()));
  }
}
