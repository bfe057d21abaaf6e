package org.aips.rayvision.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The contract's time filter format, {@code yyyy-MM-dd HH:mm:ss} (read as UTC here). */
final class TimeText {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TimeText() {
  }

  static Long parse(String name, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ApiError(ApiError.INVALID_PARAMETER, name + " must look like 2024-01-31 23:59:00");
    }
  }
}
