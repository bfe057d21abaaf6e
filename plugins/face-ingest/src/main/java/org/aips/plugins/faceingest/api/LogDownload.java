package org.aips.plugins.faceingest.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.faceingest.store.IngestLogs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Streams a task's log as CSV, a page of rows at a time, waiting for the client when its buffer is full. */
final class LogDownload {

  private static final int PAGE = 1_000;

  private final IngestLogs logs;
  private final String id;
  private final HttpServerResponse response;
  private final Promise<Void> done = Promise.promise();

  LogDownload(IngestLogs logs, String id, HttpServerResponse response) {
    this.logs = logs;
    this.id = id;
    this.response = response;
  }

  Future<Void> start() {
    next(-1);
    return done.future();
  }

  private void next(long afterRow) {
    logs.page(id, afterRow, PAGE).onFailure(done::tryFail).onSuccess(page -> {
      if (!page.entries().isEmpty()) {
        response.write(csv(page));
      }
      if (page.entries().size() < PAGE) {
        response.end().onComplete(ended -> done.tryComplete());
      } else if (response.writeQueueFull()) {
        response.drainHandler(v -> next(page.lastRow()));
      } else {
        next(page.lastRow());
      }
    });
  }

  private static Buffer csv(IngestLogs.Page page) {
    StringBuilder text = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
      for (JsonObject entry : page.entries()) {
        printer.printRecord(entry.getString("uri"), entry.getInteger("code"), entry.getString("message"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(text.toString());
  }
}
