package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encodes a body byte for byte as Python's {@code json.dumps} does with its defaults: {@code ", "}
 * and {@code ": "} separators, every non-ASCII character escaped as {@code \\uXXXX} (so the bytes
 * are pure ASCII and no charset can garble a Chinese scene name), floats as {@code repr()},
 * {@code NaN}/{@code Infinity} as Python writes them.
 */
public final class PythonJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {
  }

  public static String encode(JsonObject body) {
    StringBuilder out = new StringBuilder();
    value(body, out);
    return out.toString();
  }

  private static void value(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof JsonObject object) {
      members(object.getMap(), out);
    } else if (value instanceof Map<?, ?> map) {
      members(map, out);
    } else if (value instanceof JsonArray array) {
      elements(array.getList(), out);
    } else if (value instanceof List<?> list) {
      elements(list, out);
    } else if (value instanceof CharSequence text) {
      string(text.toString(), out);
    } else if (value instanceof Boolean flag) {
      out.append(flag ? "true" : "false");
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      out.append(floatText(((Number) value).doubleValue()));
    } else if (value instanceof Number number) {
      out.append(number);
    } else {
      string(value.toString(), out); // enums and the like, as Vert.x would encode them
    }
  }

  private static void members(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      string(String.valueOf(e.getKey()), out);
      out.append(": ");
      value(e.getValue(), out);
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
  }

  private static void elements(List<?> list, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      value(list.get(i), out);
    }
    out.append(']');
  }

  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return PythonFloat.repr(d);
  }

  /** Python's ensure_ascii escaping; characters beyond the BMP are already surrogate pairs in Java strings. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
