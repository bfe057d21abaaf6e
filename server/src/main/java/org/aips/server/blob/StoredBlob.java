package org.aips.server.blob;

/** A blob as stored: its key (relative path), hashes and size. */
public record StoredBlob(String key, String sha256, String md5, long size) {
}
