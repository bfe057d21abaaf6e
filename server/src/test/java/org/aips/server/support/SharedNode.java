package org.aips.server.support;

import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;

/** One node shared by the API tests of a test run (starting PostgreSQL once keeps the suite fast). */
public final class SharedNode {

  private static AipsServer server;
  private static ApiClient api;

  private SharedNode() {
  }

  /** A client of the shared node (started on first use, stopped when the test JVM exits). */
  public static synchronized ApiClient api() {
    if (server == null) {
      server = TestNode.start(TestNode.config(TestNode.newDataDir("shared"), new JsonObject()));
      api = new ApiClient(server.vertx(), server.httpPort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().await()));
    }
    return api;
  }
}
