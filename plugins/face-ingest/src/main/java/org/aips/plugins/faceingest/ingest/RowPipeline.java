package org.aips.plugins.faceingest.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.aips.plugins.faceingest.csv.CsvRow;
import org.aips.plugins.faceingest.fetch.FetchException;
import org.aips.plugins.faceingest.fetch.ImageFetcher;
import org.aips.plugins.faceingest.store.NewFace;
import org.aips.spi.services.Face;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One row from URI to the face to store: fetch (101), faces service (102, 301), the task's filters
 * (201–207). Fails with a {@link RowError} naming the code; never blocks the event loop (hashing
 * runs on a worker with the rest of the CPU work).
 */
final class RowPipeline {

  private final Vertx vertx;
  private final ImageFetcher fetcher;
  private final FaceDetector detector;

  RowPipeline(Vertx vertx, ImageFetcher fetcher, FaceDetector detector) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.detector = detector;
  }

  Future<NewFace> process(String group, CsvRow row, FaceGate gate) {
    if (row.problem().isPresent()) {
      return Future.failedFuture(new RowError(ErrorCode.DOWNLOAD, "malformed CSV row, " + row.malformed()));
    }
    return fetcher.fetch(row.uri())
        .recover(e -> Future.failedFuture(e instanceof FetchException ? new RowError(ErrorCode.DOWNLOAD, e.getMessage())
            : new RowError(ErrorCode.DOWNLOAD, String.valueOf(e.getMessage()), e)))
        .compose(image -> image.length() == 0 ? Future.failedFuture(new RowError(ErrorCode.UNREADABLE, "the image is empty"))
            : vertx.executeBlocking(() -> sha256(image), false)
                .compose(sha -> detector.detect(image).map(found -> {
                  Face face = gate.admit(found);
                  return new NewFace(group, row.tag(), row.description(), row.uri(), sha, face, BlurScale.degree(face.blur()));
                })));
  }

  private static String sha256(Buffer image) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.getBytes()));
  }
}
