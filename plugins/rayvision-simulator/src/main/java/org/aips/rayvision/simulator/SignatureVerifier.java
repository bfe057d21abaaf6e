package org.aips.rayvision.simulator;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a request the way the farm does: required headers, a fresh timestamp, and the HMAC-SHA256
 * signature over the sorted, flattened headers and body. Written independently of the plugin's
 * signer on purpose, so that the client's tests compare two implementations of the rules.
 */
final class SignatureVerifier {

  static final List<String> SIGNED_HEADERS = List.of("accessId", "channel", "platform", "UTCTimestamp", "nonce", "version");

  private final Map<String, String> keys;
  private final long maxSkewSeconds;

  SignatureVerifier(Map<String, String> keys, long maxSkewSeconds) {
    this.keys = keys;
    this.maxSkewSeconds = maxSkewSeconds;
  }

  /** Throws the documented error for a request that must be refused; returns the caller's access id. */
  String verify(String host, String path, MultiMap headers, JsonObject body) {
    Map<String, Object> signed = new TreeMap<>();
    for (String name : SIGNED_HEADERS) {
      String value = headers.get(name);
      if (value == null || value.isEmpty()) {
        throw new ApiError(ApiError.MISSING_PARAMETER, "missing header " + name);
      }
      signed.put(name, value);
    }
    String signature = headers.get("signature");
    if (signature == null || signature.isEmpty()) {
      throw new ApiError(ApiError.MISSING_PARAMETER, "missing header signature");
    }
    String key = keys.get(headers.get("accessId"));
    if (key == null) {
      throw new ApiError(ApiError.LOGIN_NEEDED, "unknown accessId");
    }
    checkTimestamp(headers.get("UTCTimestamp"));
    flatten("", body, signed);
    StringBuilder text = new StringBuilder("[POST]").append(host).append(':').append(path);
    signed.forEach((name, value) -> text.append('&').append(name).append('=').append(value));
    byte[] expected = hmac(key, text.toString());
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.SIGNATURE_INVALID, "signature is not Base64");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ApiError(ApiError.SIGNATURE_INVALID, "signature invalid");
    }
    return headers.get("accessId");
  }

  private void checkTimestamp(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "UTCTimestamp must be epoch seconds");
    }
    if (Math.abs(System.currentTimeMillis() / 1000 - seconds) > maxSkewSeconds) {
      throw new ApiError(ApiError.SIGNATURE_EXPIRED, "signature expired");
    }
  }

  /** Objects join keys with '.', arrays append the index; leaves are rendered as Python's str() would. */
  private static void flatten(String prefix, Object value, Map<String, Object> out) {
    if (value instanceof JsonObject object) {
      object.forEach(entry -> flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), out));
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        flatten(prefix + i, array.getValue(i), out);
      }
    } else {
      out.put(prefix, pythonText(value));
    }
  }

  private static String pythonText(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e16) {
        return (long) d + ".0";
      }
      return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static byte[] hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
