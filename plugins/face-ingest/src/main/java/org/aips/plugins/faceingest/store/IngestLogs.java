package org.aips.plugins.faceingest.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Reads a task's log, in row order, a page at a time (a log can have as many entries as the CSV has rows). */
public final class IngestLogs {

  /** One page: its entries and the row number to continue after. */
  public record Page(List<JsonObject> entries, long lastRow) {
  }

  private final Pool pool;

  public IngestLogs(Pool pool) {
    this.pool = pool;
  }

  /** Entries by position (the JSON log route pages by offset). */
  public Future<List<JsonObject>> entries(String ingestId, int offset, int limit) {
    return pool.preparedQuery("SELECT uri, code, message FROM ingest_log WHERE ingest_id = $1 ORDER BY row_no OFFSET $2 LIMIT $3")
        .execute(Tuple.of(ingestId, offset, limit)).map(rows -> {
          List<JsonObject> entries = new ArrayList<>();
          rows.forEach(row -> entries.add(new JsonObject().put("uri", row.getString("uri")).put("code", row.getInteger("code"))
              .put("message", row.getString("message"))));
          return entries;
        });
  }

  public Future<Page> page(String ingestId, long afterRow, int size) {
    return pool.preparedQuery("SELECT row_no, uri, code, message FROM ingest_log WHERE ingest_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3")
        .execute(Tuple.of(ingestId, afterRow, size)).map(rows -> {
          List<JsonObject> entries = new ArrayList<>();
          long last = afterRow;
          for (var row : rows) {
            entries.add(new JsonObject().put("uri", row.getString("uri")).put("code", row.getInteger("code")).put("message", row.getString("message")));
            last = row.getLong("row_no");
          }
          return new Page(entries, last);
        });
  }
}
