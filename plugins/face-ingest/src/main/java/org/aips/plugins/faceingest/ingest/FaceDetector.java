package org.aips.plugins.faceingest.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.aips.plugins.faceingest.Settings;
import org.aips.spi.services.Faces;
import org.aips.spi.services.FacesClient;
import org.aips.spi.services.ServiceException;

/**
 * Calls the faces service (wherever on the cluster it runs) for one image. An image it cannot
 * decode is 102. A transient failure (no inference node, busy, deadline) is tried again
 * {@code faceRetries} times {@code faceRetryDelayMs} apart before the row is logged as 301, so a
 * short outage does not skip a whole library.
 */
final class FaceDetector {

  private final Vertx vertx;
  private final FacesClient faces;
  private final Settings settings;

  FaceDetector(Vertx vertx, FacesClient faces, Settings settings) {
    this.vertx = vertx;
    this.faces = faces;
    this.settings = settings;
  }

  Future<Faces> detect(Buffer image) {
    return attempt(image, settings.faceRetries());
  }

  private Future<Faces> attempt(Buffer image, int retriesLeft) {
    FacesClient.Options options = new FacesClient.Options(true, false, System.currentTimeMillis() + settings.faceTimeoutMs());
    return faces.faces(image, options).recover(e -> {
      if (e instanceof ServiceException service && service.failure().isPermanent()) {
        return Future.failedFuture(new RowError(ErrorCode.UNREADABLE, service.failure() + ": " + service.getMessage()));
      }
      if (retriesLeft == 0) {
        String why = e instanceof ServiceException service ? service.failure() + ": " + service.getMessage() : String.valueOf(e.getMessage());
        return Future.failedFuture(new RowError(ErrorCode.FACE_SERVICE, why, e));
      }
      return vertx.timer(settings.faceRetryDelayMs()).compose(t -> attempt(image, retriesLeft - 1));
    });
  }
}
