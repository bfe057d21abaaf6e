package org.aips.server.support;

import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;

/** One node shared by the API tests of a test run (starting PostgreSQL once keeps the suite fast). */
public final class SharedNode {

  private static AipsServer server;

  private SharedNode() {
  }

  public static synchronized AipsServer get() {
    if (server == null) {
      server = TestNode.start(TestNode.config(TestNode.newDataDir("shared"), new JsonObject()));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().await()));
    }
    return server;
  }
}
