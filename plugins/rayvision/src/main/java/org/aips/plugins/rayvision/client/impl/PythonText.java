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
      return ofFloat(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal decimal) {
      return ofFloat(decimal.doubleValue());
    }
    return value.toString();
  }

  /** Python's float repr: shortest digits, plain between 1e-4 and 1e16, otherwise {@code 1e-05} style. */
  private static String ofFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(d);
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (d == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
