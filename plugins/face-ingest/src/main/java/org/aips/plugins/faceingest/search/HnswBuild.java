package org.aips.plugins.faceingest.search;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.store.GroupFaces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Builds a group's HNSW index from the face table: the last deletion and the highest id are read
 * first (the index starts from there and catches up afterwards), the projection is fitted on the
 * group's first {@link #SAMPLE} descriptors, then the faces are read a page at a time (the next page
 * is fetched while the current one is indexed) and each page is split over the build threads.
 */
final class HnswBuild {

  static final int SAMPLE = 8192;

  private final GroupSearch owner;
  private final String group;
  private final Path folder;
  private final AtomicLong done;
  private final BooleanSupplier stopped;

  HnswBuild(GroupSearch owner, String group, Path folder, AtomicLong done, BooleanSupplier stopped) {
    this.owner = owner;
    this.group = group;
    this.folder = folder;
    this.done = done;
    this.stopped = stopped;
  }

  Future<HnswIndex> run() {
    GroupFaces store = owner.store();
    Settings settings = owner.settings();
    return store.lastDeletion(group).compose(deletionSeq -> store.version(group).compose(version -> {
      int dims = settings.hnswDimensions();
      Future<Projection> projection = dims == 0 || dims >= Settings.DESCRIPTOR_LENGTH ? Future.succeededFuture(null)
          : store.descriptors(group, 0, version.maxId(), SAMPLE).compose(sample -> owner.onBuildPool(() ->
              Projection.fit(Arrays.asList(GroupIndex.decode(sample)), dims, 20_02L)));
      return projection.compose(p -> owner.onBuildPool(() -> HnswIndex.create(folder, p, owner.hnswOptions(), deletionSeq)))
          .compose(index -> indexFrom(index, version.maxId(), store.descriptors(group, 0, version.maxId(), GroupIndex.PAGE))
              .compose(v -> owner.onBuildPool(() -> {
                index.built(version.maxId(), deletionSeq);
                return index;
              }))
              .recover(e -> owner.onBuildPool(() -> {
                index.discard();
                return null;
              }).transform(ignored -> Future.failedFuture(e))));
    }));
  }

  /**
   * Indexes the pages one after the other, the next one fetched while the current one is indexed. A loop of callbacks, not
   * a chain of composed futures: a chain would keep every page (4 KiB per face) reachable until the last one is indexed.
   */
  private Future<Void> indexFrom(HnswIndex index, long upTo, Future<GroupFaces.DescriptorPage> first) {
    Promise<Void> done = Promise.promise();
    step(index, upTo, first, done);
    return done.future();
  }

  private void step(HnswIndex index, long upTo, Future<GroupFaces.DescriptorPage> current, Promise<Void> done) {
    current.onComplete(fetched -> {
      if (fetched.failed()) {
        done.fail(fetched.cause());
        return;
      }
      GroupFaces.DescriptorPage page = fetched.result();
      if (stopped.getAsBoolean()) {
        done.fail(new IllegalStateException("stopped"));
        return;
      }
      if (page.ids().length == 0) {
        done.complete();
        return;
      }
      boolean last = page.ids().length < GroupIndex.PAGE;
      Future<GroupFaces.DescriptorPage> next = last ? null : owner.store().descriptors(group, page.lastId(0), upTo, GroupIndex.PAGE);
      indexPage(index, page).onComplete(indexed -> {
        if (indexed.failed()) {
          done.fail(indexed.cause());
        } else if (last) {
          done.complete();
        } else {
          step(index, upTo, next, done);
        }
      });
    });
  }

  /** The page split over the build threads; each part decodes its descriptors and adds them (Lucene's writer is thread-safe). */
  private Future<Void> indexPage(HnswIndex index, GroupFaces.DescriptorPage page) {
    int threads = owner.settings().hnswBuildThreads();
    int n = page.ids().length;
    int per = (n + threads - 1) / threads;
    List<Future<Void>> parts = new ArrayList<>();
    for (int from = 0; from < n; from += per) {
      int start = from;
      int end = Math.min(n, from + per);
      parts.add(owner.onBuildPool(() -> {
        long[] ids = Arrays.copyOfRange(page.ids(), start, end);
        float[][] vectors = new float[end - start][];
        for (int i = start; i < end; i++) {
          vectors[i - start] = org.aips.plugins.faceingest.store.Descriptors.decode(page.descriptors().get(i));
        }
        index.add(ids, vectors);
        done.addAndGet(end - start);
        return null;
      }));
    }
    return Future.all(parts).mapEmpty();
  }
}
