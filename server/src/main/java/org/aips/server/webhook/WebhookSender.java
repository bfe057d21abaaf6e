package org.aips.server.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.aips.server.net.WebhookUrl;
import org.aips.spi.net.PublicAddresses;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One delivery attempt: a signed POST of the body to the webhook URL. Unless private networks are
 * allowed, the host is resolved first and every address it has must be public; the request then
 * goes to the address that was checked (the URL's host still names it, for Host and TLS), so a DNS
 * answer that changes between the check and the connection cannot redirect it. Redirects are not
 * followed: they could lead anywhere.
 */
final class WebhookSender {

  /** How an attempt went: the HTTP status, or the reason there was none. */
  record Attempt(Integer status, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final Vertx vertx;
  private final WebClient client;
  private final WebhookSignature signature;
  private final WebhookSettings settings;

  WebhookSender(Vertx vertx, WebClient client, WebhookSignature signature, WebhookSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.signature = signature;
    this.settings = settings;
  }

  Future<Attempt> send(String url, String messageId, String body) {
    WebhookUrl target;
    try {
      target = WebhookUrl.parse(url);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(new Attempt(null, e.getMessage()));
    }
    return request(target).compose(request -> {
      long timestamp = System.currentTimeMillis() / 1000;
      return request.ssl(target.https()).followRedirects(false).timeout(settings.timeoutMillis())
          .putHeader("content-type", "application/json")
          .putHeader("webhook-id", messageId)
          .putHeader("webhook-timestamp", Long.toString(timestamp))
          .putHeader("webhook-signature", signature.sign(messageId, timestamp, body))
          .sendBuffer(Buffer.buffer(body))
          .map(response -> new Attempt(response.statusCode(), response.statusCode() / 100 == 2 ? null
              : "the receiver answered " + response.statusCode()));
    }).otherwise(failure -> new Attempt(null, describe(failure)));
  }

  /** The failure and, when there is one, its root cause: "Failed to create SSL connection" alone does not say that the certificate was not trusted. */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return root == failure || root.getMessage() == null ? message : message + ": " + root.getMessage();
  }

  private Future<HttpRequest<Buffer>> request(WebhookUrl target) {
    if (settings.allowPrivateNetworks()) {
      return Future.succeededFuture(client.request(HttpMethod.POST, target.port(), target.host(), target.pathAndQuery()));
    }
    return vertx.executeBlocking(() -> InetAddress.getAllByName(target.host()), false).compose(addresses -> {
      if (!Arrays.stream(addresses).allMatch(PublicAddresses::isPublic)) {
        return Future.failedFuture(new IllegalStateException("webhook host " + target.host() + " resolves to a non-public address "
            + Arrays.toString(addresses) + "; webhooks go to public addresses only (webhooks.allowPrivateNetworks)"));
      }
      SocketAddress checked = SocketAddress.inetSocketAddress(target.port(), addresses[0].getHostAddress());
      return Future.succeededFuture(client.request(HttpMethod.POST, checked, target.port(), target.host(), target.pathAndQuery()));
    });
  }
}
