package org.aips.spi;

/** More bytes arrived than the limit given to {@link Blobs#receive}; answer 413 to an HTTP client. */
public final class BlobTooLargeException extends RuntimeException {

  private final long limit;

  public BlobTooLargeException(long limit) {
    super("more than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
