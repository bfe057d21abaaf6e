package org.aips.server.plugin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.aips.server.blob.BlobReceiver;
import org.aips.server.blob.BlobStore;
import org.aips.server.blob.StoredBlob;
import org.aips.spi.BlobRef;
import org.aips.spi.Blobs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The blob store for one plugin. What the plugin stores is held for it ({@code blob_hold}) until
 * it releases it, so the retention sweep leaves its uploads alone while its own tables name them.
 */
final class BlobsImpl implements Blobs {

  private static final String HOLD = "INSERT INTO blob_hold (owner, blob_key) VALUES ($1, $2) ON CONFLICT DO NOTHING";

  private final Vertx vertx;
  private final BlobStore store;
  private final BlobReceiver receiver;
  private final Pool pool;
  private final String owner;
  private final long uploadLimit;

  BlobsImpl(Vertx vertx, BlobStore store, Pool pool, String owner, long uploadLimit) {
    this.vertx = vertx;
    this.store = store;
    this.receiver = new BlobReceiver(vertx, store);
    this.pool = pool;
    this.owner = owner;
    this.uploadLimit = uploadLimit;
  }

  @Override
  public long uploadLimit() {
    return uploadLimit;
  }

  @Override
  public Future<BlobRef> receive(ReadStream<Buffer> body, long maxBytes) {
    return receiver.receive(body, maxBytes).compose(this::hold);
  }

  @Override
  public Future<BlobRef> putFile(Path file) {
    return vertx.executeBlocking(() -> store.adopt(file), false).compose(this::hold);
  }

  @Override
  public Future<BlobRef> put(Buffer bytes) {
    return vertx.executeBlocking(() -> store.put(bytes.getBytes()), false).compose(this::hold);
  }

  @Override
  public Path path(BlobRef blob) {
    return store.resolve(blob.key());
  }

  @Override
  public Future<Optional<BlobRef>> find(String key) {
    return vertx.executeBlocking(() -> {
      try {
        return store.find(key).map(BlobsImpl::ref);
      } catch (IllegalArgumentException notAKey) {
        return Optional.<BlobRef>empty();
      }
    }, false);
  }

  @Override
  public Future<Void> release(BlobRef blob) {
    return requirePool().compose(p -> p.preparedQuery("DELETE FROM blob_hold WHERE owner = $1 AND blob_key = $2")
        .execute(Tuple.of(owner, blob.key()))).mapEmpty();
  }

  private Future<BlobRef> hold(StoredBlob blob) {
    return requirePool().compose(p -> p.preparedQuery(HOLD).execute(Tuple.of(owner, blob.key()))).map(done -> ref(blob));
  }

  private Future<Pool> requirePool() {
    return pool == null
        ? Future.failedFuture(new IllegalStateException("storing blobs for a plugin needs a node with the http or scheduler role"))
        : Future.succeededFuture(pool);
  }

  private static BlobRef ref(StoredBlob blob) {
    return new BlobRef(blob.key(), blob.size(), blob.sha256());
  }
}
