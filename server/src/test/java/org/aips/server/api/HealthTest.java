package org.aips.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness, as a load balancer or Kubernetes asks for them (no token). */
class HealthTest {

  @Test
  void aStartedNodeIsLiveAndReadyAndSaysWhy() {
    AipsServer node = TestNode.start(TestNode.config(TestNode.newDataDir("health"), new JsonObject()));
    Vertx vertx = Vertx.vertx();
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> ready = api.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonObject body = ready.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id"))).contains("node", "database");
    } finally {
      node.close().await();
      vertx.close().await();
    }
  }
}
