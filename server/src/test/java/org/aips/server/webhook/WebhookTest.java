package org.aips.server.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.SharedNode;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Completion webhooks, received on loopback (a node that allows private networks) and refused where that is off. */
class WebhookTest {

  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("webhook-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final String TOKEN = Tokens.valid("hooked");

  private record Received(Map<String, String> headers, String body) {
  }

  private static Vertx receiverVertx;
  private static AipsServer node;
  private static ApiClient api;
  private static HttpServer receiver;
  private static final List<Received> received = new CopyOnWriteArrayList<>();
  /** The receiver answers 503 to this many deliveries first, then 204. */
  private static final AtomicInteger refusalsLeft = new AtomicInteger();

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("webhooks"), new JsonObject()
        .put("webhooks", new JsonObject().put("secret", SECRET).put("allowPrivateNetworks", true))));
    api = new ApiClient(node.vertx(), node.httpPort());
    receiverVertx = Vertx.vertx();
    receiver = receiverVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new java.util.HashMap<>();
      request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
      received.add(new Received(headers, body.toString(StandardCharsets.UTF_8)));
      request.response().setStatusCode(refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204).end();
    })).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    node.close().await();
    receiverVertx.close().await();
  }

  @Test
  void theFinalStateIsPostedSignedAndRetriedUntilAcknowledged() throws Exception {
    received.clear();
    refusalsLeft.set(2);
    String hook = "http://127.0.0.1:" + receiver.actualPort() + "/hooks/aips?source=test";
    String code = api.submit(TOKEN, thumbnail().put("webhook", hook)).getString("queryCode");
    JsonObject done = api.awaitStatus(TOKEN, code, "done");

    awaitReceived(3);
    ApiClient.sleep(1000);
    assertThat(received).as("two refusals, then one acknowledged delivery, and no more").hasSize(3);
    String id = received.get(0).headers().get("webhook-id");
    assertThat(id).startsWith("msg_");
    for (Received delivery : received) {
      assertThat(delivery.headers().get("webhook-id")).as("the same id on every attempt").isEqualTo(id);
      assertThat(delivery.headers().get("content-type")).isEqualTo("application/json");
      long timestamp = Long.parseLong(delivery.headers().get("webhook-timestamp"));
      assertThat(timestamp).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.api.Assertions.within(60L));
      assertThat(delivery.headers().get("webhook-signature")).isEqualTo("v1," + hmac(id + "." + timestamp + "." + delivery.body()));
    }
    JsonObject payload = new JsonObject(received.get(2).body());
    assertThat(payload.getString("type")).isEqualTo("task.done");
    assertThat(payload.getString("timestamp")).isNotBlank();
    JsonObject data = payload.getJsonObject("data");
    assertThat(data.getString("queryCode")).isEqualTo(code);
    assertThat(data.getString("status")).isEqualTo("done");
    assertThat(data.getString("result")).isEqualTo("/api/task-result/" + code);
    assertThat(data.getLong("doneAt")).isEqualTo(done.getLong("doneAt"));
  }

  @Test
  void aDeliveryIsGivenUpAfterItsAttempts() {
    received.clear();
    refusalsLeft.set(1000);
    String hook = "http://127.0.0.1:" + receiver.actualPort() + "/always-refused";
    String code = api.submit(TOKEN, thumbnail().put("webhook", hook)).getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");
    awaitReceived(10); // webhooks.maxAttempts
    ApiClient.sleep(1500);
    assertThat(received).as("no attempt after the last").hasSize(10);
    refusalsLeft.set(0);
  }

  @Test
  void aDeliveryOutlivesARestartOfItsNode() {
    received.clear();
    refusalsLeft.set(1000);
    java.nio.file.Path dataDir = TestNode.newDataDir("webhook-restart");
    var config = TestNode.config(dataDir, new JsonObject()
        .put("webhooks", new JsonObject().put("secret", SECRET).put("allowPrivateNetworks", true)));
    AipsServer first = TestNode.start(config);
    ApiClient firstApi = new ApiClient(first.vertx(), first.httpPort());
    String hook = "http://127.0.0.1:" + receiver.actualPort() + "/restart";
    String code = firstApi.submit(TOKEN, thumbnail().put("webhook", hook)).getString("queryCode");
    firstApi.awaitStatus(TOKEN, code, "done");
    awaitReceived(1);
    first.close().await();
    String id = received.get(0).headers().get("webhook-id");

    refusalsLeft.set(0);
    received.clear();
    AipsServer second = TestNode.start(config);
    try {
      awaitReceived(1);
      assertThat(received.get(0).headers().get("webhook-id")).as("the same delivery, resumed").isEqualTo(id);
      assertThat(new JsonObject(received.get(0).body()).getJsonObject("data").getString("queryCode")).isEqualTo(code);
    } finally {
      second.close().await();
    }
  }

  /** With the catch-up sweep an hour away, the ending alone must hand the webhook over. */
  @Test
  void anEndingIsDeliveredWithoutWaitingForTheCatchUpSweep() {
    received.clear();
    refusalsLeft.set(0);
    AipsServer hourly = TestNode.start(TestNode.config(TestNode.newDataDir("webhook-hourly"), new JsonObject()
        .put("webhooks", new JsonObject().put("secret", SECRET).put("allowPrivateNetworks", true).put("sweepSeconds", 3600))));
    try {
      ApiClient hourlyApi = new ApiClient(hourly.vertx(), hourly.httpPort());
      String hook = "http://127.0.0.1:" + receiver.actualPort() + "/at-once";
      String code = hourlyApi.submit(TOKEN, thumbnail().put("webhook", hook)).getString("queryCode");
      hourlyApi.awaitStatus(TOKEN, code, "done");
      awaitReceived(1);
      assertThat(new JsonObject(received.get(0).body()).getJsonObject("data").getString("queryCode")).isEqualTo(code);
    } finally {
      hourly.close().await();
    }
  }

  @Test
  void submissionsWithoutTheAllowanceRefuseWebhooksToThisMachineOrPrivateNetworks() {
    ApiClient shared = SharedNode.api(); // webhooks.allowPrivateNetworks: false, the default
    for (String hook : new String[] {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
        "http://127.8.9.10/hook", "http://[::ffff:127.0.0.1]/hook", "ftp://example.com/hook", "not a url"}) {
      var answer = shared.post("/api/task", TOKEN, thumbnail().put("webhook", hook));
      assertThat(errorCode(answer, 400)).as(hook).isEqualTo("INVALID_WEBHOOK");
    }
  }

  @Test
  void withoutTheAllowanceADeliveryToANameThatResolvesToLoopbackIsNotMade() {
    received.clear();
    WebhookSettings strict = new WebhookSettings(SECRET, false, null, 2048, 5_000, 0.1, 0.2, 3, 3600, 500, 4, 3600);
    WebClient client = WebClient.create(node.vertx());
    try {
      WebhookSender sender = new WebhookSender(node.vertx(), client, new WebhookSignature(SECRET), strict);

      WebhookSender.Attempt attempt = sender.send("http://localhost:" + receiver.actualPort() + "/hook", "msg_x", "{}").await();
      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.error()).contains("non-public address");
      assertThat(received).as("nothing reached the receiver").isEmpty();
    } finally {
      client.close();
    }
  }

  private static JsonObject thumbnail() {
    return new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(64, 48)));
  }

  private static void awaitReceived(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      ApiClient.sleep(50);
    }
    assertThat(received).as("deliveries within 30 s").hasSizeGreaterThanOrEqualTo(count);
  }

  /** Verified independently of the server's signer: HMAC-SHA256 with the base64-decoded part of the secret. */
  private static String hmac(String content) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
  }
}
