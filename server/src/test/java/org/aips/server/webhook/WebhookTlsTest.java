package org.aips.server.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks to an https receiver (on loopback, with a certificate of its own CA): delivered when
 * webhooks.trustedCertificates names that CA; with the JVM's default authorities only, the handshake
 * fails, so neither the body nor its signature leaves the node.
 */
class WebhookTlsTest {

  private static final String TOKEN = Tokens.valid("tls-hooked");
  private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.create("localhost");

  private static Vertx receiverVertx;
  private static HttpServer receiver;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startReceiver() {
    receiverVertx = Vertx.vertx();
    receiver = receiverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(CERTIFICATE.keyCertOptions()))
        .requestHandler(request -> request.body().onSuccess(body -> {
          received.add(request.getHeader("webhook-signature") + " " + body);
          request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stopReceiver() {
    receiverVertx.close().await();
    CERTIFICATE.delete();
  }

  @Test
  void aNodeThatTrustsTheReceiversCaDeliversOverTls() {
    received.clear();
    AipsServer node = node("tls-trusting", new JsonObject().put("trustedCertificates", CERTIFICATE.certificatePath()));
    try (ApiClient api = new ApiClient(node.vertx(), node.httpPort())) {
      String code = api.submit(TOKEN, noop().put("webhook", "https://localhost:" + receiver.actualPort() + "/hooks")).getString("queryCode");
      api.awaitStatus(TOKEN, code, "done");
      awaitReceived();
      assertThat(received).hasSize(1);
      assertThat(received.get(0)).startsWith("v1,").contains(code).contains("task.done");
    } finally {
      node.close().await();
    }
  }

  @Test
  void withTheJvmsTrustStoreOnlyNothingIsSentToIt() {
    received.clear();
    WebhookSettings defaults = WebhookSettings.fromConfig(TestNode.config(TestNode.newDataDir("tls-default"),
        new JsonObject().put("webhooks", new JsonObject().put("allowPrivateNetworks", true))).webhooks());
    assertThat(defaults.trustedCertificates()).isNull();
    WebClient client = WebClient.create(receiverVertx, WebhookVerticle.clientOptions(defaults));
    try {
      WebhookSender sender = new WebhookSender(receiverVertx, client, new WebhookSignature("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])), defaults);
      WebhookSender.Attempt attempt = sender.send("https://localhost:" + receiver.actualPort() + "/hooks", "msg_tls", "{}").await();
      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.error()).as("why it was not delivered").containsIgnoringCase("certificat");
      assertThat(received).as("requests that got past the handshake").isEmpty();
    } finally {
      client.close();
    }
  }

  private static AipsServer node(String name, JsonObject webhooks) {
    return TestNode.start(TestNode.config(TestNode.newDataDir(name), new JsonObject()
        .put("webhooks", webhooks.put("allowPrivateNetworks", true))));
  }

  private static JsonObject noop() {
    return new JsonObject().put("taskType", "Noop");
  }

  private static void awaitReceived() {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (received.isEmpty() && System.nanoTime() < deadline) {
      ApiClient.sleep(100);
    }
  }
}
