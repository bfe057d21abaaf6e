package org.aips.server.blob;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import org.aips.spi.BlobTooLargeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Streams a body (an HTTP upload) into the blob store: chunks go to a temporary file with back
 * pressure, so memory stays flat whatever the size; past the limit the transfer stops and the
 * file is deleted. The hashing that names the blob then runs on a worker thread.
 */
public final class BlobReceiver {

  private final Vertx vertx;
  private final BlobStore store;

  public BlobReceiver(Vertx vertx, BlobStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Call before any other asynchronous step, or pause the stream first: it is paused here until the file is open. */
  public Future<StoredBlob> receive(ReadStream<Buffer> body, long maxBytes) {
    body.pause();
    Path temp = store.incomingFile(UUID.randomUUID().toString());
    return vertx.executeBlocking(() -> Files.createDirectories(temp.getParent()), false)
        .compose(dir -> vertx.fileSystem().open(temp.toString(), new OpenOptions().setCreateNew(true).setWrite(true)))
        .compose(file -> copy(body, file, maxBytes).eventually(file::close))
        .compose(size -> vertx.executeBlocking(() -> store.adopt(temp), false))
        .onFailure(e -> vertx.fileSystem().delete(temp.toString()));
  }

  private static Future<Long> copy(ReadStream<Buffer> body, AsyncFile file, long maxBytes) {
    Promise<Long> copied = Promise.promise();
    long[] size = {0};
    body.exceptionHandler(copied::tryFail);
    body.handler(chunk -> {
      size[0] += chunk.length();
      if (size[0] > maxBytes) {
        body.handler(null);
        copied.tryFail(new BlobTooLargeException(maxBytes));
        return;
      }
      file.write(chunk).onFailure(copied::tryFail);
      if (file.writeQueueFull()) {
        body.pause();
        file.drainHandler(v -> body.resume());
      }
    });
    body.endHandler(v -> copied.tryComplete(size[0]));
    file.exceptionHandler(copied::tryFail);
    body.resume();
    return copied.future();
  }
}
