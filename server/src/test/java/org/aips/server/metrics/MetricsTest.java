package org.aips.server.metrics;

import io.vertx.core.json.JsonObject;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.SharedNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics: Prometheus text with AIPS's task meters and Vert.x's own, moving as tasks run. */
class MetricsTest {

  private static final String TOKEN = Tokens.valid("metrics");
  private static final ApiClient api = SharedNode.api();

  @Test
  void aThumbnailTaskMovesTheTaskCountersAndHistograms() {
    PrometheusText before = scrape();
    JsonObject task = new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(320, 240)))
        .put("params", new JsonObject().put("maxSize", 64));
    String code = api.submit(TOKEN, task).getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");

    PrometheusText after = awaitScrape(s -> s.sum("aips_task_transitions_total", "type", "Thumbnail", "event", "completed")
        > before.sum("aips_task_transitions_total", "type", "Thumbnail", "event", "completed"));
    assertThat(after.sum("aips_task_transitions_total", "type", "Thumbnail", "event", "submitted"))
        .isGreaterThan(before.sum("aips_task_transitions_total", "type", "Thumbnail", "event", "submitted"));
    assertThat(after.sum("aips_task_run_seconds_count", "type", "Thumbnail", "outcome", "completed"))
        .as("run-time histogram count").isEqualTo(before.sum("aips_task_run_seconds_count", "type", "Thumbnail", "outcome", "completed") + 1);
    assertThat(after.sum("aips_task_run_seconds_bucket", "type", "Thumbnail", "outcome", "completed", "le", "+Inf"))
        .isEqualTo(after.sum("aips_task_run_seconds_count", "type", "Thumbnail", "outcome", "completed"));
    assertThat(after.sum("aips_task_run_seconds_sum", "type", "Thumbnail", "outcome", "completed"))
        .isGreaterThan(before.sum("aips_task_run_seconds_sum", "type", "Thumbnail", "outcome", "completed"));
  }

  @Test
  void theGaugesOfTheQueueAreReadFromTheDatabase() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(64, 64))))
        .getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");
    PrometheusText scrape = awaitScrape(s -> s.has("aips_tasks") && s.text().contains("type=\"Thumbnail\""));
    assertThat(scrape.text()).contains("aips_tasks{state=\"waiting\",type=\"Thumbnail\"}");
    assertThat(scrape.has("aips_queue_head_wait_seconds")).isTrue();
  }

  @Test
  void vertxReportsHttpEventBusPoolAndJvmMetrics() {
    api.get("/api/taskes-waiting", TOKEN);
    PrometheusText scrape = awaitScrape(s -> s.sum("vertx_http_server_requests_total", "route", "/api/taskes-waiting") > 0);
    assertThat(scrape.sum("vertx_http_server_requests_total", "route", "/api/taskes-waiting", "code", "200", "method", "GET"))
        .isGreaterThanOrEqualTo(1);
    writeForTheDocs(scrape);
    assertThat(scrape.sum("vertx_http_server_response_time_seconds_bucket", "route", "/api/taskes-waiting", "le", "+Inf"))
        .as("response-time histogram").isGreaterThanOrEqualTo(1);
    assertThat(scrape.has("vertx_eventbus_published_total")).as("event bus").isTrue();
    assertThat(scrape.has("vertx_pool_in_use")).as("pools").isTrue();
    assertThat(scrape.sum("jvm_memory_used_bytes")).as("JVM").isPositive();
  }

  /** A request counts under the template of the route that answered it, refusals included; a plugin's under its base path. */
  @Test
  void requestsAreCountedByRouteTemplateAndStatus() {
    PrometheusText before = scrape();
    assertThat(api.get("/api/query-task/short", TOKEN).statusCode()).isEqualTo(400); // under the contract's 16 characters
    assertThat(api.get("/api/query-task/" + "n".repeat(20), TOKEN).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/query-task/" + "n".repeat(20), null).statusCode()).isEqualTo(401);
    assertThat(api.get("/filestats/v1/jobs/00000000-0000-0000-0000-000000000000", TOKEN).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/no-such-route", TOKEN).statusCode()).isEqualTo(404);
    String[][] expected = {
        {"/api/query-task/:queryCode", "400"}, {"/api/query-task/:queryCode", "404"},
        {"/api/query-task/:queryCode", "401"}, {"/filestats/v1/jobs/:id", "404"}, {"", "404"}};
    PrometheusText after = awaitScrape(s -> java.util.Arrays.stream(expected).allMatch(e ->
        s.sum("vertx_http_server_requests_total", "route", e[0], "code", e[1], "method", "GET")
            > before.sum("vertx_http_server_requests_total", "route", e[0], "code", e[1], "method", "GET")));
    assertThat(after.sum("vertx_http_server_response_time_seconds_count", "route", "/api/query-task/:queryCode", "code", "400"))
        .isGreaterThan(before.sum("vertx_http_server_response_time_seconds_count", "route", "/api/query-task/:queryCode", "code", "400"));
    assertThat(after.text()).doesNotContain("nnnnnnnnnnnnnnnnnnnn").doesNotContain("00000000-0000"); // paths never become labels
  }

  /** The dashboard in docs/ queries what a node serves (the inference and webhook meters need an inference node, a webhook). */
  @Test
  void theGrafanaDashboardQueriesMetricsThatExist() throws java.io.IOException {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(32, 32))))
        .getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");
    // a retry and a failure, so that their counters exist
    String flaky = api.submit(TOKEN, new JsonObject().put("taskType", "Flaky").put("params", new JsonObject().put("succeedOn", 2)))
        .getString("queryCode");
    String broken = api.submit(TOKEN, new JsonObject().put("taskType", "Broken").put("params", new JsonObject().put("permanent", true)))
        .getString("queryCode");
    api.awaitStatus(TOKEN, flaky, "done");
    api.awaitStatus(TOKEN, broken, "failed");
    String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/grafana/aips.json"));
    java.util.Set<String> queried = new java.util.TreeSet<>();
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("\\b(aips|vertx|jvm)_[a-z_]+").matcher(dashboard);
    while (name.find()) {
      queried.add(name.group());
    }
    queried.removeIf(n -> n.startsWith("aips_inference_") || n.startsWith("aips_webhook_"));
    assertThat(queried).as("metric names in the dashboard").contains("aips_tasks", "aips_task_run_seconds_bucket");
    PrometheusText scrape = awaitScrape(s -> queried.stream().allMatch(s::has));
    assertThat(queried).allSatisfy(metric -> assertThat(scrape.has(metric)).as(metric).isTrue());
  }

  @Test
  void theScrapeNeedsNoTokenByDefault() {
    var answer = api.get("/metrics", null);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.getHeader("content-type")).startsWith("text/plain");
  }

  /** The scrape, kept in target/ for whoever updates docs/metrics.md or the Grafana dashboard. */
  private static void writeForTheDocs(PrometheusText scrape) {
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target/metrics-scrape.txt"), scrape.text());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static PrometheusText scrape() {
    var answer = api.get("/metrics", null);
    assertThat(answer.statusCode()).isEqualTo(200);
    return new PrometheusText(answer.bodyAsString());
  }

  private static PrometheusText awaitScrape(Predicate<PrometheusText> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    PrometheusText last = scrape();
    while (!condition.test(last) && System.nanoTime() < deadline) {
      ApiClient.sleep(200);
      last = scrape();
    }
    assertThat(condition).as("the scrape shows what was expected within 20 s; last scrape:%n%s", last.text()).accepts(last);
    return last;
  }
}
