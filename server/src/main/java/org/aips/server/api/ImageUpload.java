package org.aips.server.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;

/**
 * The image of a vision request, as people send it: the file itself as the body (an image media
 * type or {@code application/octet-stream}), or a {@code multipart/form-data} form with one file
 * part (a browser form, {@code curl -F image=@photo.jpg}). The declared type is not trusted: the
 * decoder reads the format from the bytes.
 */
final class ImageUpload {

  static final String MULTIPART = "multipart/form-data";
  /** Bodies that are the image file itself. */
  static final List<String> IMAGE_BODIES = List.of("image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp",
      "application/octet-stream");

  private final long imageBytesLimit;

  ImageUpload(long imageBytesLimit) {
    this.imageBytesLimit = imageBytesLimit;
  }

  /** The image bytes, or a failed future with the {@link ApiException} to answer. */
  Future<Buffer> read(RoutingContext rc) {
    String type = mediaType(rc.request().getHeader("content-type"));
    if (type == null || IMAGE_BODIES.contains(type)) {
      return checked(rc.body().buffer() == null ? 0 : rc.body().length()).map(size -> rc.body().buffer());
    }
    if (type.equals(MULTIPART)) {
      return filePart(rc);
    }
    return Future.failedFuture(new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "a body of type " + type
        + " is not an image; send the image file as " + String.join(", ", IMAGE_BODIES) + ", or as " + MULTIPART
        + " with one file part"));
  }

  private Future<Buffer> filePart(RoutingContext rc) {
    List<FileUpload> files = rc.fileUploads();
    if (files.size() != 1) {
      return Future.failedFuture(ApiException.badRequest("INVALID_IMAGE",
          "a " + MULTIPART + " upload must have exactly one file part (the image); it has " + files.size()));
    }
    FileUpload file = files.get(0);
    return checked(file.size()).compose(size -> rc.vertx().fileSystem().readFile(file.uploadedFileName()));
  }

  private Future<Long> checked(long size) {
    if (size == 0) {
      return Future.failedFuture(ApiException.badRequest("INVALID_IMAGE", "the body must be the image file"));
    }
    if (size > imageBytesLimit) {
      return Future.failedFuture(new ApiException(413, "IMAGE_TOO_LARGE", "the image is " + size + " bytes; the limit is "
          + imageBytesLimit + " (limits.imageBytes)"));
    }
    return Future.succeededFuture(size);
  }

  /** {@code image/JPEG; charset=x} → {@code image/jpeg}; null when there is no content type. */
  private static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int parameters = header.indexOf(';');
    return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }
}
