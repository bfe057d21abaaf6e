package org.aips.server.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-built JWTs, so tests control every part: algorithm, signature, expiry, claims. */
public final class Tokens {

  private Tokens() {
  }

  public static String valid(String uid) {
    return hs256(TestNode.SECRET, new JsonObject().put("uid", uid).put("exp", now() + 3600));
  }

  public static String expired(String uid) {
    return hs256(TestNode.SECRET, new JsonObject().put("uid", uid).put("exp", now() - 3600));
  }

  public static String forged(String uid) {
    return hs256("another-secret-another-secret-another-secret", new JsonObject().put("uid", uid).put("exp", now() + 3600));
  }

  public static String withoutUid() {
    return hs256(TestNode.SECRET, new JsonObject().put("sub", "someone").put("exp", now() + 3600));
  }

  /** An unsigned token ({@code alg: none}) claiming to be {@code uid}. */
  public static String unsigned(String uid) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT")) + "."
        + encode(new JsonObject().put("uid", uid).put("exp", now() + 3600)) + ".";
  }

  public static String hs256(String secret, JsonObject payload) {
    String signingInput = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + encode(payload);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
