package org.aips.server.net;

import org.aips.spi.net.PublicAddresses;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A webhook URL a client gave: absolute {@code http} or {@code https}, a host, no user info.
 * {@link #problem} says what is wrong with one, in words a client can act on.
 */
public record WebhookUrl(URI uri, boolean https, String host, int port, String pathAndQuery) {

  /** The URL parsed, or the reason it cannot be used. */
  public static WebhookUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("webhook is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("webhook must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("webhook must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("webhook must not carry credentials (user:password@); put a token in its path or query");
    }
    boolean https = scheme.equals("https");
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return new WebhookUrl(uri, https, host, uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80, path);
  }

  /** Why the URL may not be used when private networks are not allowed, judged without a DNS lookup (literal addresses, localhost). */
  public Optional<String> privateTargetWithoutLookup() {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return Optional.of("webhook host " + host + " is this machine; webhooks go to public addresses only (webhooks.allowPrivateNetworks)");
    }
    if (isLiteralAddress(name)) {
      try {
        InetAddress address = InetAddress.getByName(name); // a literal: parsed, never looked up
        if (!PublicAddresses.isPublic(address)) {
          return Optional.of("webhook address " + host + " is not public; webhooks go to public addresses only (webhooks.allowPrivateNetworks)");
        }
      } catch (java.net.UnknownHostException e) {
        return Optional.of("webhook address " + host + " is not valid");
      }
    }
    return Optional.empty();
  }

  private static boolean isLiteralAddress(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }
}
