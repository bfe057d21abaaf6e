package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one call's body may hold, written from the SDK's request schemas
 * ({@code rayvision_api/schemas/*.yaml}) and the keys its operators send. Unlike the SDK (which
 * lets unknown keys through), the simulator refuses them: a client that drifts from the wire, with
 * an old name or a misspelt one, is caught at once. Unknown or ill-typed keys get 600, missing
 * required ones 601.
 */
final class RequestSchema {

  private record Field(FieldType type, boolean required, List<Object> allowed) {
  }

  private final Map<String, Field> fields = new LinkedHashMap<>();

  static RequestSchema none() {
    return new RequestSchema();
  }

  RequestSchema required(String name, FieldType type) {
    fields.put(name, new Field(type, true, List.of()));
    return this;
  }

  RequestSchema optional(String name, FieldType type) {
    fields.put(name, new Field(type, false, List.of()));
    return this;
  }

  RequestSchema requiredOneOf(String name, FieldType type, Object... allowed) {
    fields.put(name, new Field(type, true, List.of(allowed)));
    return this;
  }

  RequestSchema optionalOneOf(String name, FieldType type, Object... allowed) {
    fields.put(name, new Field(type, false, List.of(allowed)));
    return this;
  }

  void check(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!fields.containsKey(key)) {
        throw new ApiError(ApiError.INVALID_PARAMETER, "unknown parameter " + key + " (accepted: " + fields.keySet() + ")");
      }
    }
    fields.forEach((name, field) -> {
      Object value = body.getValue(name);
      if (value == null) {
        if (field.required()) {
          throw new ApiError(ApiError.MISSING_PARAMETER, "missing parameter " + name);
        }
        return;
      }
      if (!field.type().accepts(value)) {
        throw new ApiError(ApiError.INVALID_PARAMETER, "parameter " + name + " must be " + field.type().description()
            + ", got: " + value);
      }
      if (!field.allowed().isEmpty() && field.allowed().stream().noneMatch(a -> a.toString().equals(value.toString()))) {
        throw new ApiError(ApiError.INVALID_PARAMETER, "parameter " + name + " must be one of " + field.allowed() + ", got " + value);
      }
    });
  }
}
