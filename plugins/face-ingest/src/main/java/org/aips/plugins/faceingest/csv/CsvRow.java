package org.aips.plugins.faceingest.csv;

import java.util.Optional;

/**
 * One data row of an ingestion CSV.
 *
 * @param rowNo     0-based among data rows (the header and blank lines are not rows): the row's key for exactly-once handling
 * @param line      1-based line of the file where the row starts, for messages
 * @param malformed why the row cannot be used (logged with its line), or null
 */
public record CsvRow(long rowNo, long line, String uri, String tag, String description, String malformed) {

  public Optional<String> problem() {
    return Optional.ofNullable(malformed);
  }
}
