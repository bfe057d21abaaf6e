package org.aips.plugins.rayvision.client.impl;

import java.math.BigDecimal;

/** Renders a JSON leaf the way Python's {@code str()} does, because the farm signs what the Python SDK signs. */
final class PythonText {

  private PythonText() {
  }

  static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      return PythonFloat.repr(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal decimal) {
      return PythonFloat.repr(decimal.doubleValue());
    }
    return value.toString();
  }
}
