package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Lenient readers for the farm's JSON: numbers may arrive as strings, absent fields are null. */
final class Decode {

  private Decode() {
  }

  static Long longValue(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && s.matches("-?\\d+")) {
      return Long.parseLong(s);
    }
    return null;
  }

  static Integer intValue(JsonObject json, String key) {
    Long value = longValue(json, key);
    return value == null ? null : value.intValue();
  }

  static int intOr(JsonObject json, String key, int fallback) {
    Integer value = intValue(json, key);
    return value == null ? fallback : value;
  }

  static BigDecimal decimal(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof Number || (value instanceof String s && s.matches("-?\\d+(\\.\\d+)?"))) {
      return new BigDecimal(value.toString());
    }
    return null;
  }

  static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value == null ? null : value.toString();
  }

  static Boolean bool(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return Boolean.parseBoolean(s);
    }
    return null;
  }

  static <T> List<T> list(JsonArray array, Function<JsonObject, T> decoder) {
    List<T> result = new ArrayList<>();
    if (array != null) {
      for (Object item : array) {
        if (item instanceof JsonObject object) {
          result.add(decoder.apply(object));
        }
      }
    }
    return List.copyOf(result);
  }

  static JsonArray array(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof JsonArray a ? a : null;
  }

  static JsonObject object(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof JsonObject o ? o : new JsonObject();
  }
}
