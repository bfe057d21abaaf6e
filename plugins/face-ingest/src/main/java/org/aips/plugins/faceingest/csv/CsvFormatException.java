package org.aips.plugins.faceingest.csv;

/** The file is not a CSV this service can read (binary data, broken quoting, too many rows). */
public final class CsvFormatException extends RuntimeException {

  public CsvFormatException(String message) {
    super(message, null, false, false);
  }
}
