package org.aips.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;

import java.nio.file.Path;

/** One node shared by the API tests of a test run (starting PostgreSQL once keeps the suite fast). */
public final class SharedNode {

  private static final Path DATA_DIR = TestNode.newDataDir("shared");
  private static AipsServer server;
  private static ApiClient api;

  private SharedNode() {
  }

  /** A client of the shared node (started on first use, stopped when the test JVM exits). */
  public static synchronized ApiClient api() {
    if (server == null) {
      server = TestNode.start(TestNode.config(DATA_DIR, new JsonObject()));
      api = new ApiClient(server.vertx(), server.httpPort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close().await()));
    }
    return api;
  }

  /** The shared node's Vert.x, to take part in its event bus. */
  public static Vertx vertx() {
    api();
    return server.vertx();
  }

  /** The shared node's HTTP port. */
  public static int httpPort() {
    api();
    return server.httpPort();
  }

  /** Where the shared node keeps its files. */
  public static Path dataDir() {
    return DATA_DIR;
  }
}
