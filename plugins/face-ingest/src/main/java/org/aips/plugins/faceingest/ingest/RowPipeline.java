package org.aips.plugins.faceingest.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.aips.plugins.faceingest.csv.CsvRow;
import org.aips.plugins.faceingest.fetch.FetchException;
import org.aips.plugins.faceingest.fetch.ImageFetcher;
import org.aips.plugins.faceingest.search.GroupSearch;
import org.aips.plugins.faceingest.search.IndexBuilding;
import org.aips.plugins.faceingest.search.Match;
import org.aips.plugins.faceingest.store.NewFace;
import org.aips.spi.services.Face;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * One row from URI to the face to store: fetch (101), faces service (102, 301), the task's filters
 * (201–207), near-duplicates (209, when configured). Fails with a {@link RowError} naming the code; never blocks the event loop (hashing
 * runs on a worker with the rest of the CPU work).
 */
final class RowPipeline {

  private final Vertx vertx;
  private final ImageFetcher fetcher;
  private final FaceDetector detector;

  private final GroupSearch search;
  private final double duplicateSimilarity;

  RowPipeline(Vertx vertx, ImageFetcher fetcher, FaceDetector detector, GroupSearch search, double duplicateSimilarity) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.detector = detector;
    this.search = search;
    this.duplicateSimilarity = duplicateSimilarity;
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
                }))
                .compose(this::unlessNearDuplicate));
  }

  /**
   * With {@code duplicateSimilarity} set, a face at least that similar to one already in the group is logged 209. The group's
   * search index answers; while a large group's index is being built the face is stored unchecked. Two near-duplicates in
   * flight at the same time are both stored (each is checked against the faces stored before it).
   */
  private Future<NewFace> unlessNearDuplicate(NewFace face) {
    if (search == null || duplicateSimilarity <= 0) {
      return Future.succeededFuture(face);
    }
    return search.search(face.groupName(), new float[][] {face.face().descriptor()}, 1, duplicateSimilarity).map(result -> {
      List<Match> best = result.matches().get(0);
      if (!best.isEmpty() && best.get(0).similarity() >= duplicateSimilarity) {
        throw new RowError(ErrorCode.NEAR_DUPLICATE, String.format("similarity %.3f to face %d (limit %.3f)", best.get(0).similarity(),
            best.get(0).faceId(), duplicateSimilarity));
      }
      return face;
    }).recover(e -> e instanceof IndexBuilding ? Future.succeededFuture(face) : Future.failedFuture(e));
  }

  private static String sha256(Buffer image) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.getBytes()));
  }
}
