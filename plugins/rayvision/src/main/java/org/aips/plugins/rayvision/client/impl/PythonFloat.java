package org.aips.plugins.rayvision.client.impl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} (which {@code str()} and {@code json.dumps} use): the shortest
 * decimal that reads back as the same double, plain for decimal exponents -4..15 and
 * {@code 1e-05} style otherwise. Java 17's {@code Double.toString} is not always the shortest,
 * so the digits are searched for here.
 */
final class PythonFloat {

  private PythonFloat() {
  }

  /** {@code str(d)}: {@code nan}, {@code inf}, {@code -inf} for the special values. */
  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(d);
    String digits = shortest.unscaledValue().abs().toString().replaceAll("0+$", "");
    int exponent = shortest.precision() - shortest.scale() - 1; // of the first digit
    String sign = d < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      return sign + plain(digits, exponent);
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }

  /** The fewest significant digits that round-trip; of two candidates, the one nearer the exact value (even on a tie). */
  static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downFits = down.doubleValue() == d;
      boolean upFits = up.doubleValue() == d;
      if (downFits && upFits) {
        int nearer = exact.subtract(down).abs().compareTo(up.subtract(exact).abs());
        if (nearer != 0) {
          return nearer < 0 ? down : up;
        }
        return down.unscaledValue().testBit(0) ? up : down; // a tie goes to the even last digit, as Python's dtoa does
      }
      if (downFits || upFits) {
        return downFits ? down : up;
      }
    }
    return exact.round(MathContext.DECIMAL64); // 17 digits always round-trip; not reached
  }

  private static String plain(String digits, int exponent) {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }
}
