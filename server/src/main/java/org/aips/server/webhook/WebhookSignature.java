package org.aips.server.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs deliveries the Standard Webhooks way (standardwebhooks.com): the secret is
 * {@code whsec_<base64 key>}; the signature is {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>},
 * sent with the {@code webhook-id} and {@code webhook-timestamp} (epoch seconds) it covers. Receivers
 * verify it with any Standard Webhooks library, given the same secret.
 */
public final class WebhookSignature {

  public static final String PREFIX = "whsec_";

  private final byte[] key;

  public WebhookSignature(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("webhooks.secret must look like whsec_<base64>");
    }
    try {
      this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhooks.secret must be whsec_ followed by base64: " + e.getMessage());
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("webhooks.secret must hold at least 16 bytes of key");
    }
  }

  /** The {@code webhook-signature} header value. */
  public String sign(String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
