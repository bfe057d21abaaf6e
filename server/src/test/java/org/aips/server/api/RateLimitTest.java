package org.aips.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** http.rateLimit: a user over budget gets 429 with Retry-After, on core and plugin routes; other users do not notice. */
class RateLimitTest {

  private static AipsServer node;
  private static Vertx vertx;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("rate-limit"), new JsonObject()
        .put("http", new JsonObject().put("rateLimit", new JsonObject().put("requestsPerSecond", 2).put("burst", 6)))));
    vertx = Vertx.vertx();
    api = new ApiClient(vertx, node.httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    vertx.close().await();
  }

  @Test
  void aUserOverBudgetIsToldWhenToComeBack() {
    String greedy = Tokens.valid("greedy");
    for (int i = 0; i < 6; i++) { // the burst, shared by both HTTP verticles of the node
      assertThat(api.get("/api/taskes-waiting", greedy).statusCode()).as("request %d", i + 1).isEqualTo(200);
    }
    HttpResponse<Buffer> refused = api.get("/api/taskes-waiting", greedy);
    assertThat(errorCode(refused, 429)).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(refused.getHeader("retry-after"))).isBetween(1L, 2L);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("2 requests per second");
    HttpResponse<Buffer> plugin = api.get("/filestats/v1/jobs/nosuchjob", greedy);
    assertThat(plugin.statusCode()).as("a plugin's route").isEqualTo(429);
    assertThat(plugin.getHeader("retry-after")).isNotBlank();
    assertThat(plugin.bodyAsJsonObject().getString("error")).as("in the plugin's own error shape").contains("requests per second");

    assertThat(api.get("/api/taskes-waiting", Tokens.valid("patient")).statusCode()).as("another user").isEqualTo(200);
    assertThat(api.get("/health/ready", null).statusCode()).as("health checks carry no token and are not limited").isEqualTo(200);

    ApiClient.sleep(Long.parseLong(refused.getHeader("retry-after")) * 1000 + 100);
    assertThat(api.get("/api/taskes-waiting", greedy).statusCode()).as("after Retry-After").isEqualTo(200);
  }
}
