package org.aips.server.support;

import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;

/** One node with the http and inference roles, shared by the vision tests (TensorFlow loads once). */
public final class VisionNode {

  private static AipsServer server;

  private VisionNode() {
  }

  public static synchronized AipsServer server() {
    if (server == null) {
      JsonObject overrides = new JsonObject().put("roles", TestNode.roles("http", "inference"))
          .put("inference", new JsonObject().put("workers", 2));
      server = TestNode.start(TestNode.config(TestNode.newDataDir("vision"), overrides));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().await()));
    }
    return server;
  }

  public static ApiClient api() {
    return new ApiClient(server().vertx(), server().httpPort());
  }
}
