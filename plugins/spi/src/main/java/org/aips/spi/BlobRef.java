package org.aips.spi;

import java.util.Objects;

/** A file in the host's blob store, addressed by content (SHA-256): identical bytes are stored once. */
public record BlobRef(String key, long size, String sha256) {

  public BlobRef {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
  }
}
