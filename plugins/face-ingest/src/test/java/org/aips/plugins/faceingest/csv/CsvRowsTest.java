package org.aips.plugins.faceingest.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowsTest {

  @TempDir
  Path dir;

  @Test
  void quotesEmbeddedCommasAndNewlinesBomCrlfBlankLinesAndTheHeaderAreRead() throws IOException {
    String text = "\uFEFFuri,tag,description\r\n"
        + "http://a/1.jpg,alice,plain\r\n"
        + "\r\n"
        + "\"http://a/2.jpg\",\"bob, jr\",\"two\r\nlines \"\"quoted\"\"\"\r\n"
        + "data:image/png;base64,AAAA,carol\r\n"
        + "http://a/4.jpg\n";
    List<CsvRow> rows = read(text);
    assertThat(rows).extracting(CsvRow::uri).containsExactly("http://a/1.jpg", "http://a/2.jpg", "data:image/png;base64,AAAA", "http://a/4.jpg");
    assertThat(rows).extracting(CsvRow::rowNo).containsExactly(0L, 1L, 2L, 3L);
    assertThat(rows).extracting(CsvRow::line).as("lines where rows start, blank line and header included").containsExactly(2L, 4L, 6L, 7L);
    assertThat(rows.get(1).tag()).isEqualTo("bob, jr");
    assertThat(rows.get(1).description()).isEqualTo("two\r\nlines \"quoted\"");
    assertThat(rows.get(2).tag()).as("an unquoted data: URI keeps its comma").isEqualTo("carol");
    assertThat(rows.get(2).description()).isEmpty();
    assertThat(rows).allMatch(row -> row.problem().isEmpty());
  }

  @Test
  void aFileWithoutHeaderStartsWithItsFirstRow() throws IOException {
    assertThat(read("http://a/1.jpg,x,y\nhttp://a/2.jpg,x,y\n")).extracting(CsvRow::line).containsExactly(1L, 2L);
  }

  @Test
  void malformedRowsAreReturnedWithTheirLineSoTheyCanBeLogged() throws IOException {
    List<CsvRow> rows = read("http://a/1.jpg,a,b,c,d\n,tag,no uri\nhttp://a/3.jpg,ok,ok\n");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).malformed()).startsWith("line 1: 5 fields");
    assertThat(rows.get(1).malformed()).isEqualTo("line 2: no URI");
    assertThat(rows.get(2).problem()).isEmpty();
  }

  @Test
  void binaryDataIsNotACsv() throws IOException {
    Path file = dir.resolve("photo.csv");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'});
    assertThatThrownBy(() -> {
      try (CsvRows rows = CsvRows.open(file)) {
        rows.count(100);
      }
    }).isInstanceOf(CsvFormatException.class).hasMessageContaining("not UTF-8");
  }

  @Test
  void anUnclosedQuoteIsRefusedWithItsLine() throws IOException {
    try (CsvRows rows = CsvRows.open(write("http://a/1.jpg,a,b\n\"http://a/2.jpg,a,b\n"))) {
      assertThatThrownBy(() -> rows.count(100)).isInstanceOf(CsvFormatException.class).hasMessageStartingWith("line 2");
    }
  }

  @Test
  void countingStopsPastTheRowLimit() throws IOException {
    try (CsvRows rows = CsvRows.open(write("a\nb\nc\n"))) {
      assertThatThrownBy(() -> rows.count(2)).isInstanceOf(CsvFormatException.class).hasMessageContaining("more than 2 rows");
    }
  }

  @Test
  void aMillionRowsStreamWithoutBeingHeldAndSkipResumesAtARow() throws IOException {
    Path file = dir.resolve("million.csv");
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      out.write("uri,tag,description\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 1_000_000; i++) {
        out.write(("http://images.example/" + i + ".jpg,person " + i + ",\"row, " + i + "\"\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Runtime runtime = Runtime.getRuntime();
    try (CsvRows rows = CsvRows.open(file)) {
      assertThat(rows.count(10_000_000)).isEqualTo(1_000_000);
    }
    try (CsvRows rows = CsvRows.open(file)) {
      assertThat(rows.skip(999_998)).isEqualTo(999_998);
      System.gc(); // what is still reachable with the reader open near the end of the file
      assertThat(runtime.totalMemory() - runtime.freeMemory()).as("far less than the file's %d bytes retained", Files.size(file))
          .isLessThan(Files.size(file) / 2);
      List<CsvRow> last = rows.next(10);
      assertThat(last).extracting(CsvRow::rowNo).containsExactly(999_998L, 999_999L);
      assertThat(last.get(1).description()).isEqualTo("row, 999999");
      assertThat(last.get(1).line()).isEqualTo(1_000_001L);
    }
  }

  private List<CsvRow> read(String text) throws IOException {
    try (CsvRows rows = CsvRows.open(write(text))) {
      return rows.next(1000);
    }
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "rows", ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
