package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a call exactly as the official Python SDK does: the signed headers and the body merged into
 * one map, nested values flattened ({@code a.b}, list index appended without separator), keys in
 * ASCII order joined as {@code k=v&...}, prefixed with {@code [POST]domain:path&}, then
 * Base64(HMAC-SHA256(accessKey, text)).
 */
public final class RequestSigner {

  private RequestSigner() {
  }

  /** The text that is signed; {@code headers} must not contain {@code signature} or {@code Content-Type}. */
  public static String stringToSign(String domain, String path, Map<String, String> headers, JsonObject body) {
    Map<String, String> flat = new TreeMap<>();
    headers.forEach(flat::put);
    flatten("", body, flat);
    StringBuilder text = new StringBuilder("[POST]").append(domain).append(':').append(path).append('&');
    flat.forEach((key, value) -> text.append(key).append('=').append(value).append('&'));
    text.setLength(text.length() - 1);
    return text.toString();
  }

  public static String sign(String accessKey, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The SDK's flattening: a later key overwrites an equal earlier one, empty lists and objects vanish. */
  public static Map<String, String> flatten(JsonObject value) {
    Map<String, String> flat = new TreeMap<>();
    flatten("", value, flat);
    return flat;
  }

  private static void flatten(String prefix, Object value, Map<String, String> out) {
    if (value instanceof JsonObject object) {
      object.forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else if (value instanceof Map<?, ?> map) {
      flatten(prefix, new JsonObject(castMap(map)), out);
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        flatten(prefix + i, array.getValue(i), out);
      }
    } else if (value instanceof Iterable<?> list) {
      int i = 0;
      for (Object item : list) {
        flatten(prefix + i++, item, out);
      }
    } else {
      out.put(prefix, PythonText.of(value));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
