package org.aips.server.queue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestTypes;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries that help: a failed run waits out a back-off; a task whose service is not up yet waits for it without using attempts. */
class RetryTest {

  private static final String TOKEN = Tokens.valid("retry");
  private final Vertx vertx = Vertx.vertx();
  private AipsServer node;

  @AfterEach
  void close() {
    TestTypes.serviceUp = false;
    if (node != null) {
      node.close().await();
    }
    vertx.close().await();
  }

  @Test
  void aFailedRunWaitsOutAnExponentialBackOffBeforeItRunsAgain() {
    // base 0.4 s: the second run starts 0.2–0.6 s after the first failed, the third 0.4–1.2 s after the second
    node = TestNode.start(TestNode.config(TestNode.newDataDir("backoff"), new JsonObject().put("scheduler",
        new JsonObject().put("retryBackoffSeconds", 0.4).put("retryBackoffMaxSeconds", 10.0))));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      String code = api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Flaky").put("params", new JsonObject().put("succeedOn", 3)))
          .getString("queryCode");
      JsonObject done = api.awaitStatus(TOKEN, code, "done");
      assertThat(done.getInteger("attempts")).isEqualTo(3);
      List<Long> starts = TestTypes.FLAKY_STARTS.get(Long.toString(done.getLong("taskNo")));
      assertThat(starts).hasSize(3);
      assertThat(starts.get(1) - starts.get(0)).as("first back-off").isBetween(150L, 1500L);
      assertThat(starts.get(2) - starts.get(1)).as("second back-off, twice as long on average").isBetween(350L, 3000L);
    }
  }

  @Test
  void aTaskWhoseServiceIsNotUpYetWaitsForItWithoutUsingItsAttempts() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("unavailable"), new JsonObject()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      String code = api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "NeedsService")).getString("queryCode");
      String id = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (id == null || TestTypes.SERVICE_LOOKS.get(id).get() < 5) { // more runs than scheduler.maxAttempts (3)
        assertThat(System.nanoTime()).isLessThan(deadline);
        ApiClient.sleep(50);
        id = Long.toString(api.query(TOKEN, code).getLong("taskNo"));
        id = TestTypes.SERVICE_LOOKS.containsKey(id) ? id : null;
      }
      JsonObject waiting = api.query(TOKEN, code);
      assertThat(waiting.getString("status")).isIn("waiting", "running");
      if ("waiting".equals(waiting.getString("status"))) {
        assertThat(waiting.getString("error")).contains("the test service is not up yet");
      }
      TestTypes.serviceUp = true;
      JsonObject done = api.awaitStatus(TOKEN, code, "done");
      assertThat(done.getInteger("attempts")).as("the runs spent waiting were not counted").isEqualTo(1);
    }
  }
}
