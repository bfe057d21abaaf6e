package org.aips.spi;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.nio.file.Path;

/**
 * The host's blob store. Large inputs (a recorded video) are streamed to disk, never held in
 * memory, and passed to tasks by reference ({@link TaskRequest#withInput}).
 */
public interface Blobs {

  /**
   * Streams {@code body} into the store. Fails with {@link BlobTooLargeException} once more than
   * {@code maxBytes} arrive (nothing is kept then). An HTTP request body can be passed as it is:
   * pass it before any other asynchronous step, or pause it first.
   */
  Future<BlobRef> receive(ReadStream<Buffer> body, long maxBytes);

  /** The node's default limit for uploads ({@code plugins.uploadBytesLimit}); a plugin may set its own. */
  long uploadLimit();

  /**
   * Takes a file already on this node's disk into the store (it is moved, not copied, when it can
   * be): for example a multipart upload the host has written to its uploads folder.
   */
  Future<BlobRef> putFile(java.nio.file.Path file);

  /** Stores small bytes (a thumbnail, a JSON document). */
  Future<BlobRef> put(Buffer bytes);

  /** The blob's file on this node; read it on a worker thread or with Vert.x's file system. */
  Path path(BlobRef blob);

  /** The blob a key names, if it is in the store. */
  Future<java.util.Optional<BlobRef>> find(String key);

  /**
   * What this plugin stores is kept for it until released: the retention sweep deletes a blob only
   * when no plugin holds it and no live task refers to it.
   */
  Future<Void> release(BlobRef blob);
}
