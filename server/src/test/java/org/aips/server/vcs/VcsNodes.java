package org.aips.server.vcs;

import io.vertx.core.json.JsonObject;
import org.aips.server.support.TestNode;

/** Node settings of the video service's tests: every role on one node, two inference workers, and the plugin's settings. */
final class VcsNodes {

  private VcsNodes() {
  }

  static JsonObject allRoles(JsonObject vcs) {
    return new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 2))
        .put("plugins", new JsonObject().put("config", new JsonObject().put("vcs", vcs)));
  }
}
