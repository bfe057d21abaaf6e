package org.aips.server.api;

import io.vertx.json.schema.OutputUnit;

import java.util.ArrayList;
import java.util.List;

/** Readable text for a JSON Schema failure: the innermost errors, each with the field it concerns. */
final class ValidationMessages {

  private static final int MAX_ERRORS = 3;

  private ValidationMessages() {
  }

  static String describe(OutputUnit result) {
    List<String> leaves = new ArrayList<>();
    collect(result, leaves);
    // "does not match schema" only points at the field; prefer the errors that say what is wrong.
    List<String> specific = leaves.stream().filter(text -> !text.contains("does not match")).toList();
    if (!specific.isEmpty()) {
      leaves = specific;
    }
    return leaves.isEmpty() ? String.valueOf(result.getError()) : String.join("; ", leaves.subList(0, Math.min(MAX_ERRORS, leaves.size())));
  }

  private static void collect(OutputUnit unit, List<String> leaves) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, leaves));
    } else if (unit.getError() != null) {
      String location = unit.getInstanceLocation();
      String field = location == null || location.isEmpty() || location.equals("#") ? "" : location.replaceFirst("^#/?", "") + ": ";
      leaves.add(field + unit.getError());
    }
  }
}
