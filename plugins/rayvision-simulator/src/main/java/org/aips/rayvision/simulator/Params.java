package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Reads request fields, refusing missing ones with 601 and ill-typed ones with 600. */
final class Params {

  private final JsonObject body;

  Params(JsonObject body) {
    this.body = body;
  }

  long requiredLong(String name) {
    Long value = optionalLong(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  Long optionalLong(String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (value instanceof String s && s.matches("\\d+")) {
      return Long.parseLong(s);
    }
    throw invalid(name, "an integer");
  }

  int optionalInt(String name, int fallback) {
    Long value = optionalLong(name);
    return value == null ? fallback : Math.toIntExact(value);
  }

  String optionalString(String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(name, "a string");
  }

  String requiredString(String name) {
    String value = optionalString(name);
    if (value == null || value.isEmpty()) {
      throw missing(name);
    }
    return value;
  }

  List<Long> requiredLongs(String name) {
    List<Long> values = optionalLongs(name);
    if (values == null || values.isEmpty()) {
      throw missing(name);
    }
    return values;
  }

  List<Long> optionalLongs(String name) {
    JsonArray array = array(name);
    if (array == null) {
      return null;
    }
    List<Long> values = new ArrayList<>();
    for (Object item : array) {
      Long id = new Params(new JsonObject().put("v", item)).optionalLong("v");
      if (id == null) {
        throw invalid(name, "a list of integers");
      }
      values.add(id);
    }
    return values;
  }

  List<String> optionalStrings(String name) {
    JsonArray array = array(name);
    if (array == null) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String) && !(item instanceof Number)) {
        throw invalid(name, "a list of strings");
      }
      values.add(item.toString());
    }
    return values;
  }

  Object value(String name) {
    return body.getValue(name);
  }

  JsonArray array(String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof JsonArray) {
      return (JsonArray) value;
    }
    throw invalid(name, "a list");
  }

  private static ApiError missing(String name) {
    return new ApiError(ApiError.MISSING_PARAMETER, "missing parameter " + name);
  }

  private static ApiError invalid(String name, String expected) {
    return new ApiError(ApiError.INVALID_PARAMETER, "parameter " + name + " must be " + expected);
  }
}
