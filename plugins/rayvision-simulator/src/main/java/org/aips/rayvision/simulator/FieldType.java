package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;

/** JSON types of request fields, as the SDK's cerberus schemas name them. */
enum FieldType {
  INTEGER("an integer"),
  STRING("a string"),
  INTEGER_LIST("a list of integers"),
  STRING_LIST("a list of strings"),
  INTEGER_OR_STRING("an integer or a string");

  private final String description;

  FieldType(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** Strict: "7" is not an integer and 7.0 is not either, as cerberus sees them. */
  boolean accepts(Object value) {
    return switch (this) {
      case INTEGER -> isInteger(value);
      case STRING -> value instanceof String;
      case INTEGER_OR_STRING -> isInteger(value) || value instanceof String;
      case INTEGER_LIST -> value instanceof JsonArray a && a.stream().allMatch(FieldType::isInteger);
      case STRING_LIST -> value instanceof JsonArray a && a.stream().allMatch(v -> v instanceof String);
    };
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
  }
}
