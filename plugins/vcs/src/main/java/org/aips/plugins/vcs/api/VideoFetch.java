package org.aips.plugins.vcs.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import org.aips.plugins.vcs.task.VcsError;
import org.aips.spi.BlobRef;
import org.aips.spi.PluginHost;
import org.aips.spi.net.PublicAddresses;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Fetches a video named by URI into the blob store, streamed like an upload, with face ingest's
 * rules against server-side request forgery: http or https only, no credentials in the URI, every
 * address the host resolves to public (unless allowPrivateAddresses), the request made to the
 * address that was checked (no second lookup), redirects not followed, a timeout.
 */
final class VideoFetch {

  static final int MAX_URI_LENGTH = 2048;

  private final PluginHost host;
  private final HttpClient client;
  private final boolean allowPrivateAddresses;
  private final long timeoutMillis;

  VideoFetch(PluginHost host) {
    this.host = host;
    this.allowPrivateAddresses = host.config().getBoolean("allowPrivateAddresses", false);
    this.timeoutMillis = Math.round(host.config().getDouble("fetchTimeoutSeconds", 30.0) * 1000);
    this.client = host.vertx().createHttpClient(new HttpClientOptions().setName("vcs-video-fetch"));
  }

  /** The video's bytes in the blob store, at most {@code maxBytes}. */
  Future<BlobRef> fetch(String uri, long maxBytes) {
    URI target;
    try {
      target = parse(uri);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(VcsError.INVALID_PARAMETER.exception(e.getMessage()));
    }
    boolean https = target.getScheme().equalsIgnoreCase("https");
    int port = target.getPort() > 0 ? target.getPort() : https ? 443 : 80;
    String path = target.getRawPath().isEmpty() ? "/" : target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    return host.vertx().executeBlocking(() -> InetAddress.getAllByName(target.getHost()), false)
        .recover(e -> Future.failedFuture(VcsError.VIDEO_FETCH_FAILED.exception("cannot resolve " + target.getHost())))
        .compose(addresses -> {
          if (!allowPrivateAddresses && !Arrays.stream(addresses).allMatch(PublicAddresses::isPublic)) {
            return Future.failedFuture(VcsError.VIDEO_URI_REFUSED.exception(target.getHost() + " resolves to a non-public address "
                + Arrays.toString(addresses) + "; videos are fetched from public addresses only (plugins.config.vcs.allowPrivateAddresses)"));
          }
          RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setServer(SocketAddress.inetSocketAddress(port,
              addresses[0].getHostAddress())).setHost(target.getHost()).setPort(port).setURI(path).setSsl(https)
              .setFollowRedirects(false).setIdleTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
          return client.request(request).compose(r -> r.send()).compose(response -> {
            if (response.statusCode() != 200) {
              response.request().connection().close();
              return Future.failedFuture(VcsError.VIDEO_FETCH_FAILED.exception(uri + " answered " + response.statusCode()));
            }
            return host.blobs().receive(response, maxBytes);
          }, e -> Future.failedFuture(VcsError.VIDEO_FETCH_FAILED.exception("fetching " + uri + " failed: " + e.getMessage())));
        });
  }

  private static URI parse(String uri) {
    if (uri == null || uri.isBlank() || uri.length() > MAX_URI_LENGTH) {
      throw new IllegalArgumentException("uri must be an http or https URL of at most " + MAX_URI_LENGTH + " characters");
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("uri is not a URL: " + e.getMessage());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
      throw new IllegalArgumentException("uri must be an absolute http or https URL with a host: " + uri);
    }
    if (parsed.getRawUserInfo() != null) {
      throw new IllegalArgumentException("uri must not carry credentials (user:password@)");
    }
    return parsed;
  }
}
