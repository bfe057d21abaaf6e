package org.aips.plugins.faceingest.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Streams the rows of an ingestion CSV ({@code uri,tag,description}) from a file: RFC 4180 quoting
 * (embedded commas, quotes and newlines), a UTF-8 byte-order mark, CRLF or LF, blank lines
 * skipped, and an optional header row (a first row whose first field is {@code uri}). Only the
 * current row is held in memory. Blocking: use it on a worker thread.
 *
 * <p>A row with no URI or more than three fields is returned with {@link CsvRow#malformed} set, so
 * that it is logged with its line and counted like any row. Bytes that are not UTF-8 text, and
 * quoting the parser cannot recover from, fail with {@link CsvFormatException}.
 */
public final class CsvRows implements Closeable {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true).get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private long nextRowNo;
  private long linesBefore;
  private boolean sawFirstRecord;

  private CsvRows(Reader reader) throws IOException {
    this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    this.records = parser.iterator();
  }

  public static CsvRows open(Path file) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      return new CsvRows(reader);
    } catch (CharacterCodingException e) {
      reader.close();
      throw new CsvFormatException("line 1: not UTF-8 text; is this a CSV file?");
    }
  }

  /** Up to {@code max} more rows; fewer (possibly none) at the end of the file. */
  public List<CsvRow> next(int max) {
    List<CsvRow> rows = new ArrayList<>(Math.min(max, 1024));
    while (rows.size() < max) {
      CSVRecord record = nextRecord();
      if (record == null) {
        break;
      }
      long line = linesBefore + 1;
      linesBefore = parser.getCurrentLineNumber();
      if (isBlank(record)) {
        continue;
      }
      boolean first = !sawFirstRecord;
      sawFirstRecord = true;
      if (first && record.get(0).equalsIgnoreCase("uri")) {
        continue; // the optional header row
      }
      rows.add(row(nextRowNo++, line, record));
    }
    return rows;
  }

  /** Skips the first {@code rows} data rows (a resumed run starts after them); answers how many there were. */
  public long skip(long rows) {
    long skipped = 0;
    while (skipped < rows) {
      int batch = (int) Math.min(4096, rows - skipped);
      int got = next(batch).size();
      skipped += got;
      if (got < batch) {
        break;
      }
    }
    return skipped;
  }

  /** Counts the rows left, checking the whole file parses; answers the count. */
  public long count(long limit) {
    long count = 0;
    for (int got; (got = next(4096).size()) > 0; ) {
      count += got;
      if (count > limit) {
        throw new CsvFormatException("the file has more than " + limit + " rows");
      }
    }
    return count;
  }

  private CSVRecord nextRecord() {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new CsvFormatException("line " + (linesBefore + 1) + ": not UTF-8 text; is this a CSV file?");
      }
      throw new CsvFormatException("line " + (linesBefore + 1) + ": " + e.getCause().getMessage());
    } catch (IllegalStateException e) {
      throw new CsvFormatException("line " + (linesBefore + 1) + ": " + e.getMessage());
    }
  }

  private static boolean isBlank(CSVRecord record) {
    return record.size() == 1 && record.get(0).isEmpty();
  }

  /**
   * A data: URI always has a comma before its data; written unquoted, it arrives as two fields.
   * They are joined again: a first field that starts with {@code data:} and has no comma yet cannot
   * be a whole data: URI.
   */
  private static CsvRow row(long rowNo, long line, CSVRecord record) {
    List<String> fields = new ArrayList<>(record.toList());
    if (fields.size() > 1 && fields.get(0).regionMatches(true, 0, "data:", 0, 5) && fields.get(0).indexOf(',') < 0) {
      fields.set(0, fields.get(0) + "," + fields.remove(1));
    }
    String uri = fields.get(0);
    String tag = fields.size() > 1 ? fields.get(1) : "";
    String description = fields.size() > 2 ? fields.get(2) : "";
    String problem = null;
    if (fields.size() > 3) {
      problem = "line " + line + ": " + fields.size() + " fields, expected uri,tag,description (quote fields that contain commas)";
    } else if (uri.isEmpty()) {
      problem = "line " + line + ": no URI";
    } else if (uri.indexOf('\0') >= 0 || tag.indexOf('\0') >= 0 || description.indexOf('\0') >= 0) {
      problem = "line " + line + ": contains a NUL character";
    }
    return new CsvRow(rowNo, line, uri, tag, description, problem);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
