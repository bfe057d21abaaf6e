package org.aips.plugins.rayvision.client;

import java.util.Objects;

/**
 * Where and as whom to call: the domain (host, or host:port), the platform, the access id and key,
 * and whether to use TLS. {@link #toString()} never shows the key.
 */
public record RayvisionAccount(String name, String domain, String platform, String accessId, String accessKey, boolean tls) {

  public RayvisionAccount {
    Objects.requireNonNull(name, "name");
    requireText(domain, "domain");
    requireText(platform, "platform");
    requireText(accessId, "accessId");
    requireText(accessKey, "accessKey");
    if (domain.contains("/") || domain.contains(" ")) {
      throw new IllegalArgumentException("domain must be a host name, optionally with :port, not a URL: " + domain);
    }
  }

  public String host() {
    int colon = domain.lastIndexOf(':');
    return colon < 0 ? domain : domain.substring(0, colon);
  }

  public int port() {
    int colon = domain.lastIndexOf(':');
    if (colon < 0) {
      return tls ? 443 : 80;
    }
    try {
      return Integer.parseInt(domain.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("domain has an invalid port: " + domain);
    }
  }

  @Override
  public String toString() {
    return "RayvisionAccount[name=" + name + ", domain=" + domain + ", platform=" + platform + ", accessId=" + accessId
        + ", accessKey=***, tls=" + tls + "]";
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
