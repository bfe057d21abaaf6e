package org.aips.plugins.faceingest.fetch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import org.aips.plugins.faceingest.Settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Gets an image's bytes from a row's URI: {@code data:} decoded on a worker, {@code http(s):}
 * downloaded with a connect timeout, a deadline for the whole download, a size limit (checked
 * against Content-Length and again while reading), a bounded number of redirects, and the
 * {@link AddressPolicy} applied to the resolved address of every hop, which is the one connected
 * to. Failures are {@link FetchException}s (code 101) saying why.
 */
public final class ImageFetcher {

  private final Vertx vertx;
  private final HttpClient client;
  private final Settings settings;
  private final AddressPolicy policy;

  private ImageFetcher(Vertx vertx, HttpClient client, Settings settings) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.policy = new AddressPolicy(settings.allowPrivateAddresses());
  }

  public static ImageFetcher create(Vertx vertx, Settings settings) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(settings.connectTimeoutMs())
        .setVerifyHost(true).setMaxRedirects(0).setKeepAlive(true).setDecompressionSupported(true));
    return new ImageFetcher(vertx, client, settings);
  }

  public Future<Buffer> fetch(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) {
      return vertx.executeBlocking(() -> DataUri.decode(uri, settings.maxImageBytes()), false);
    }
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Future.failedFuture(new FetchException("unsupported URI scheme (use http, https or data)"));
    }
    try {
      return get(new URI(uri), settings.maxRedirects(), System.currentTimeMillis() + settings.fetchTimeoutMs());
    } catch (URISyntaxException e) {
      return Future.failedFuture(new FetchException("not a valid URI: " + e.getMessage()));
    }
  }

  private Future<Buffer> get(URI uri, int redirectsLeft, long deadline) {
    if (uri.getHost() == null) {
      return Future.failedFuture(new FetchException("the URI has no host"));
    }
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    return resolve(uri.getHost()).compose(address -> {
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setSsl(ssl).setHost(uri.getHost()).setPort(port)
          .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
          .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
          .setConnectTimeout(settings.connectTimeoutMs()).setIdleTimeout(remaining(deadline));
      return client.request(options).compose(request -> send(request, uri, redirectsLeft, deadline));
    });
  }

  private Future<Buffer> send(HttpClientRequest request, URI uri, int redirectsLeft, long deadline) {
    long timer = vertx.setTimer(remaining(deadline), t -> request.reset(0, new FetchException("no complete answer within " + settings.fetchTimeoutMs() + " ms")));
    return request.send().compose(response -> {
      response.exceptionHandler(ignored -> { }); // a reset of an answer not read is expected, not an error to report
      if (isRedirect(response.statusCode())) {
        request.reset();
        return redirect(uri, response, redirectsLeft, deadline);
      }
      if (response.statusCode() / 100 != 2) {
        request.reset();
        return Future.failedFuture(new FetchException("HTTP " + response.statusCode() + " from " + uri.getHost()));
      }
      return body(request, response);
    }).recover(e -> Future.failedFuture(e instanceof FetchException ? e : new FetchException(describe(e))))
        .onComplete(done -> vertx.cancelTimer(timer));
  }

  private Future<Buffer> redirect(URI from, HttpClientResponse response, int redirectsLeft, long deadline) {
    String location = response.getHeader("location");
    if (location == null) {
      return Future.failedFuture(new FetchException("HTTP " + response.statusCode() + " without a Location"));
    }
    if (redirectsLeft == 0) {
      return Future.failedFuture(new FetchException("more than " + settings.maxRedirects() + " redirects"));
    }
    URI next;
    try {
      next = from.resolve(new URI(location));
    } catch (URISyntaxException e) {
      return Future.failedFuture(new FetchException("a redirect to an invalid URI: " + location));
    }
    if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
      return Future.failedFuture(new FetchException("a redirect to an unsupported scheme: " + next.getScheme()));
    }
    return get(next, redirectsLeft - 1, deadline);
  }

  private Future<Buffer> body(HttpClientRequest request, HttpClientResponse response) {
    long max = settings.maxImageBytes();
    String length = response.getHeader("content-length");
    if (length != null && parseLong(length) > max) {
      request.reset();
      return Future.failedFuture(new FetchException("the image is larger than " + max + " bytes (Content-Length " + length + ")"));
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer bytes = Buffer.buffer();
    response.handler(chunk -> {
      if (bytes.length() + chunk.length() > max) {
        request.reset(0, new FetchException("the image is larger than " + max + " bytes"));
      } else {
        bytes.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(v -> promise.tryComplete(bytes));
    return promise.future();
  }

  /** Name resolution blocks (the JDK resolver): on a worker; the address is then the one connected to. */
  private Future<InetAddress> resolve(String host) {
    return vertx.executeBlocking(() -> {
      InetAddress address;
      try {
        address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      } catch (UnknownHostException e) {
        throw new FetchException("unknown host " + host);
      }
      policy.check(address);
      return address;
    }, false);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.currentTimeMillis());
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  public void close() {
    client.close();
  }
}
