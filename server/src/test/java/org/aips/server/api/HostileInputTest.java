package org.aips.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.aips.server.AipsServer;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile requests against every kind of route (core and a service plugin's): malformed
 * and deeply nested JSON, wrong types, huge numbers and strings, odd unicode, path traversal,
 * oversized lines and headers, forged tokens. Every answer is a 4xx with the route's error shape: no 5xx, no
 * stack trace, no class name.
 */
class HostileInputTest {

  private static final String TOKEN = Tokens.valid("hostile");
  private static AipsServer node;
  private static Vertx vertx;
  private static WebClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("hostile"), new JsonObject()));
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close().await();
    vertx.close().await();
  }

  private static List<String> bodies() {
    List<String> bodies = new ArrayList<>(List.of(
        "", "{", "}", "[]", "null", "true", "42", "\"text\"", "{\"taskType\":", "{'single':'quotes'}",
        "{\"taskType\": 5}", "{\"taskType\": \"Noop\", \"vip\": \"high\"}", "{\"taskType\": \"Noop\", \"vip\": 1e400}",
        "{\"taskType\": \"Noop\", \"vip\": -99999999999999999999999}", "{\"taskType\": \"Noop\", \"keepSeconds\": 9223372036854775808}",
        "{\"taskType\": \"Noop\", \"quality\": 3.5}", "{\"taskType\": \"Noop\", \"params\": []}",
        "{\"taskType\": \"Noop\", \"contentImage\": \"%%%not base64%%%\"}",
        "{\"taskType\": \"\\u0000\\ud800\\u202e../../etc/passwd\"}", "{\"fileId\": \"../../../../etc/passwd\"}",
        "{\"fileId\": [\"00/00/" + "0".repeat(64) + "\"]}", "{\"taskType\": \"" + "x".repeat(1_000_000) + "\"}",
        "\uFEFF{\"taskType\": \"Noop\"}", "{\"taskType\": \"Noop\"} trailing"));
    bodies.add("[".repeat(5000) + "]".repeat(5000));
    bodies.add("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
    return bodies;
  }

  private static final String[][] ROUTES = {
      {"POST", "/api/task"}, {"GET", "/api/query-task/..%2F..%2Fetc%2Fpasswd"}, {"GET", "/api/task-result/%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00"},
      {"POST", "/api/task/" + "A".repeat(64) + "/cancel"}, {"GET", "/api/query-task/" + "Z".repeat(3_000)},
      {"POST", "/api/vision/faces"}, {"POST", "/filestats/v1/jobs"}, {"GET", "/filestats/v1/jobs/..%2F..%2Fsecrets"},
      {"POST", "/filestats/v1/jobs/%2e%2e/stop"}, {"GET", "/filestats/../api/taskes-done"}, {"GET", "/api/%ff%fe"},
      {"GET", "/api/task/..%2F..%2Fetc/events"}, {"GET", "/api/task/" + "A".repeat(32) + "/watch"}, {"GET", "/api/queue"},
      {"POST", "/api/vision/objects"}, {"POST", "/v1/tasks/create"}, {"POST", "/v1/tasks/list"}, {"GET", "/v1/tasks/%00/detail"},
      {"POST", "/v1/groups/..%2F..%2Fx/search"}, {"GET", "/v1/groups/g/faces?limit=-1&after=%ff"}, {"GET", "/v1/groups"},
      {"POST", "/vcs/console/task/createComputeTask"}, {"POST", "/vcs/console/task/getComputeTasks"},
      {"POST", "/vcs/console/video/registerVideo"},
  };

  @Test
  void noHostileBodyOrPathGetsAServerErrorOrAStackTrace() {
    for (String[] route : ROUTES) {
      for (String body : bodies()) {
        for (String contentType : new String[] {"application/json", "text/plain", "application/octet-stream"}) {
          HttpResponse<Buffer> answer;
          try {
            answer = client.request(HttpMethod.valueOf(route[0]), route[1]).timeout(10_000).putHeader("x-token", TOKEN)
                .putHeader("content-type", contentType).sendBuffer(Buffer.buffer(body)).await();
          } catch (Exception e) { // await() rethrows checked timeouts too
            throw new AssertionError(route[0] + " " + route[1] + " (" + contentType + ") with " + abbreviate(body) + ": " + e, e);
          }
          assertClean(route[0] + " " + route[1] + " (" + contentType + ") with " + abbreviate(body), answer);
        }
      }
    }
  }

  @Test
  void hostileHeadersAndTokensAreRefusedCleanly() {
    String[] tokens = {"", "Bearer x", "a.b.c", "eyJhbGciOiJub25lIn0.eyJ1aWQiOiJhIn0.", "x".repeat(7_000),
        Tokens.forged("mallory"), Tokens.expired("mallory"), Tokens.unsigned("mallory"), "\u202e\u0000"};
    for (String token : tokens) {
      for (String path : new String[] {"/api/taskes-waiting", "/filestats/v1/jobs"}) {
        HttpResponse<Buffer> answer;
        try {
          answer = client.get(path).timeout(10_000).putHeader("x-token", token).send().await();
        } catch (IllegalArgumentException notSendable) {
          continue; // the client itself refuses header values with control characters
        } catch (RuntimeException e) {
          throw new AssertionError(path + " with token " + abbreviate(token) + ": " + e, e);
        }
        assertThat(answer.statusCode()).as("%s with token %s", path, abbreviate(token)).isIn(400, 401, 431);
        assertClean(path, answer);
      }
    }
    // beyond the HTTP server's line and header limits (4 KiB, 8 KiB): 414 and 431, not a crash
    assertThat(client.get("/api/query-task/" + "Z".repeat(10_000)).putHeader("x-token", TOKEN).send().await().statusCode()).isEqualTo(414);
    assertThat(client.get("/api/taskes-waiting").putHeader("x-token", "x".repeat(100_000)).send().await().statusCode()).isEqualTo(431);
    // a header value with CR LF cannot even be sent by a conforming client (Vert.x refuses it), and
    // on the server it would only be one more header: nothing reads x-admin
  }

  private static void assertClean(String what, HttpResponse<Buffer> answer) {
    if (answer.statusCode() == 503) { // the vision routes on this node, which has no inference role: an honest "not here"
      assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("code")).as(what).isEqualTo("NO_INFERENCE");
      return;
    }
    assertThat(answer.statusCode()).as(what).isBetween(200, 499);
    String text = answer.bodyAsString() == null ? "" : answer.bodyAsString();
    assertThat(text).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.aips.").doesNotContain("io.vertx.");
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
  }
}
