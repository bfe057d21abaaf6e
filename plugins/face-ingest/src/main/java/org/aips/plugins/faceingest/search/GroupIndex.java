package org.aips.plugins.faceingest.search;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.aips.plugins.faceingest.store.Descriptors;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One group's search on this node. Opened on its first search: a saved HNSW index is reopened;
 * otherwise a group of at most {@code exactSearchMax} faces is loaded into an {@link ExactIndex},
 * and a larger one gets an HNSW index built on worker threads (searches answer
 * {@link IndexBuilding} meanwhile). Every search sees the face table as it was when the search
 * began: the engine catches up with it (deletions after its last one, when {@code group_version}
 * says there are some, then faces above its high-water mark; concurrent searches share one
 * catch-up) unless the table's version, read with the matches' summaries after the engine is searched,
 * is the one it last caught up to. An exact group that grows past {@code exactSearchMax} is searched exactly while its
 * HNSW index is built, then switches.
 *
 * <p>State is touched from several event loops and workers: it is guarded by this object's lock,
 * and nothing blocks under it.
 */
final class GroupIndex {

  private static final Logger LOG = LoggerFactory.getLogger(GroupIndex.class);
  static final int PAGE = 2048;

  private final GroupSearch owner;
  private final String group;
  private final Path folder;
  private ExactIndex exact;
  private HnswIndex hnsw;
  private HnswIndex built;
  private Future<Void> opening;
  private Future<Void> refreshing;
  private Future<HnswIndex> building;
  private long seenDeletions = -1;
  /**
   * The engine and the table's version it held all of, when its last refresh found nothing new; null while
   * the table changes (an ingestion: searches then catch up first), while unknown, or about to change.
   */
  private CaughtUp caughtUp;
  private boolean validate;
  private boolean closed;
  private final AtomicLong buildDone = new AtomicLong();
  private volatile long buildTotal;

  GroupIndex(GroupSearch owner, String group, Path folder) {
    this.owner = owner;
    this.group = group;
    this.folder = folder;
  }

  private record CaughtUp(Engine engine, GroupFaces.Version version) {
  }

  /**
   * The k best matches of each query, with every face the table held when the search began, and the summaries of
   * those at least {@code minSimilarity} similar. The usual case, nothing changed since the last catch-up, costs one
   * database round trip, after the search: the table's version is read with the summaries, and the answer stands if
   * it is the version the engine caught up to; otherwise the engine catches up and is searched again. While the
   * table keeps changing ({@link #caughtUp} null: an ingestion's duplicate checks), it catches up first.
   */
  Future<GroupSearch.Result> search(float[][] queries, int k, double minSimilarity) {
    CaughtUp known;
    synchronized (this) {
      known = refreshing == null ? caughtUp : null;
    }
    if (known == null) {
      return caughtUpSearch(queries, k, minSimilarity);
    }
    return searchOn(known.engine(), queries, k).compose(matches -> owner.store().summaries(group, ids(matches, minSimilarity))
        .compose(read -> read.version().equals(known.version()) && stillIn(known)
            ? Future.succeededFuture(new GroupSearch.Result(known.engine().name(), matches, read.found()))
            : caughtUpSearch(queries, k, minSimilarity)));
  }

  private Future<GroupSearch.Result> caughtUpSearch(float[][] queries, int k, double minSimilarity) {
    return ready().compose(engine -> searchOn(engine, queries, k).compose(matches -> {
      List<Long> ids = ids(matches, minSimilarity);
      Future<Map<Long, GroupFaces.Summary>> found = ids.isEmpty() ? Future.succeededFuture(Map.of())
          : owner.store().summaries(group, ids).map(GroupFaces.Summaries::found);
      return found.map(summaries -> new GroupSearch.Result(engine.name(), matches, summaries));
    }));
  }

  private static List<Long> ids(List<List<Match>> matches, double minSimilarity) {
    return matches.stream().flatMap(List::stream).filter(m -> m.similarity() >= minSimilarity).map(Match::faceId).distinct().toList();
  }

  /** Whether the engine is still the one in use (not switched, and so not closed, while it was searched). */
  private synchronized boolean stillIn(CaughtUp known) {
    return caughtUp != null && caughtUp.engine() == known.engine();
  }

  private Future<List<List<Match>>> searchOn(Engine engine, float[][] queries, int k) {
    return owner.onSearchPool(() -> engine.search(queries, k));
  }

  /** The engine to search, caught up with the table. */
  Future<Engine> ready() {
    return open().compose(v -> refresh()).compose(v -> {
      synchronized (this) {
        if (hnsw != null) {
          return Future.succeededFuture(hnsw);
        }
        if (exact != null) {
          return Future.succeededFuture(exact);
        }
      }
      return Future.failedFuture(new IndexBuilding(buildDone.get(), buildTotal));
    });
  }

  /** The engine now in use ("exact", "hnsw", "building"), for the answer and the logs. */
  synchronized String engineName() {
    return hnsw != null ? "hnsw" : exact != null ? "exact" : "building";
  }

  private synchronized Future<Void> open() {
    if (opening == null || opening.failed()) {
      opening = doOpen();
    }
    return opening;
  }

  private Future<Void> doOpen() {
    return owner.onBuildPool(() -> HnswIndex.open(folder, owner.hnswOptions()))
        .recover(e -> {
          LOG.warn("the saved search index of group '{}' cannot be opened; it is rebuilt", group, e);
          HnswIndex.deleteFolder(folder);
          return Future.succeededFuture(java.util.Optional.empty());
        })
        .compose(saved -> {
          if (saved.isPresent()) {
            synchronized (this) {
              hnsw = saved.get();
              validate = true;
              seenDeletions = -1;
            }
            return Future.succeededFuture();
          }
          return owner.store().lastDeletion(group).compose(lastDeletion -> owner.store().count(group).map(count -> {
            if (count <= owner.settings().exactSearchMax()) {
              synchronized (this) {
                exact = new ExactIndex(lastDeletion);
                seenDeletions = -1;
              }
            } else {
              startBuild(count);
            }
            return null;
          }));
        });
  }

  private Future<Void> refresh() {
    Promise<Void> done;
    synchronized (this) {
      if (refreshing != null) {
        return refreshing;
      }
      done = Promise.promise();
      refreshing = done.future();
    }
    doRefresh().onComplete(result -> {
      synchronized (this) {
        refreshing = null;
      }
      done.handle(result);
    });
    return done.future();
  }

  private Future<Void> doRefresh() {
    Engine engine;
    synchronized (this) {
      caughtUp = null;
      if (closed) {
        return Future.failedFuture(new IllegalStateException("the search service is stopping"));
      }
      if (built != null) {
        if (exact != null) {
          exact.close();
          exact = null;
        }
        hnsw = built;
        built = null;
        seenDeletions = -1;
      }
      engine = hnsw != null ? hnsw : exact;
    }
    if (engine == null) {
      return Future.succeededFuture();
    }
    return catchUp(engine).compose(unchanged -> {
      synchronized (this) {
        if (engine == exact && exact.size() > owner.settings().exactSearchMax() && building == null && built == null) {
          startBuild(exact.size());
        }
        if (engine == hnsw && validate) {
          validate = false;
          return validate(hnsw);
        }
        if (unchanged != null && (engine == hnsw || engine == exact) && built == null) {
          caughtUp = new CaughtUp(engine, unchanged);
        }
      }
      return Future.succeededFuture();
    });
  }

  /** A reopened index must hold what the table holds up to its high-water mark (the database may have been replaced). */
  private Future<Void> validate(HnswIndex index) {
    return owner.store().countUpTo(group, index.highWater()).compose(count -> owner.onBuildPool(index::size).compose(size -> {
      if (count.longValue() == size) {
        return Future.succeededFuture();
      }
      LOG.warn("the saved search index of group '{}' has {} faces where the table has {}; it is rebuilt", group, size, count);
      synchronized (this) {
        hnsw = null;
        opening = null;
        caughtUp = null;
      }
      return owner.onBuildPool(() -> {
        index.discard();
        return null;
      }).compose(v -> open()).compose(v -> doRefresh());
    }));
  }

  /**
   * Deletions the engine has not applied, then faces above its high-water mark. Answers the table's
   * version when the engine already held all of it, null when it had to catch up.
   */
  private Future<GroupFaces.Version> catchUp(Engine engine) {
    return owner.store().version(group).compose(version -> {
      boolean deletions;
      synchronized (this) {
        deletions = version.deletions() != seenDeletions;
      }
      if (!deletions && version.maxId() <= engine.highWater()) {
        return Future.succeededFuture(version); // nothing new: answered without a hop to the index's worker
      }
      Future<Long> deleted = !deletions ? Future.succeededFuture(engine.deletionSeq())
          : owner.store().deletionsAfter(group, engine.deletionSeq()).compose(list -> list.isEmpty() ? Future.succeededFuture(engine.deletionSeq())
              : owner.onWorker(engine, () -> {
                engine.delete(list);
                return list.get(list.size() - 1).seq();
              }));
      return deleted.compose(seq -> {
        synchronized (this) {
          seenDeletions = version.deletions();
        }
        return addFrom(engine, engine.highWater(), version.maxId()).compose(v -> owner.onWorker(engine, () -> {
          engine.caughtUp(version.maxId(), seq);
          return (GroupFaces.Version) null;
        }));
      });
    });
  }

  /** Adds the faces in (after, upTo] a page at a time: a loop of callbacks, so that a page is garbage once it is added. */
  private Future<Void> addFrom(Engine engine, long after, long upTo) {
    Promise<Void> done = Promise.promise();
    addPage(engine, after, upTo, done);
    return done.future();
  }

  private void addPage(Engine engine, long after, long upTo, Promise<Void> done) {
    if (after >= upTo) {
      done.complete();
      return;
    }
    owner.store().descriptors(group, after, upTo, PAGE).onComplete(fetched -> {
      if (fetched.failed()) {
        done.fail(fetched.cause());
        return;
      }
      GroupFaces.DescriptorPage page = fetched.result();
      if (page.ids().length == 0) {
        done.complete();
        return;
      }
      long last = page.lastId(after);
      boolean more = page.ids().length == PAGE;
      owner.onWorker(engine, () -> {
        engine.add(page.ids(), decode(page));
        return null;
      }).onComplete(added -> {
        if (added.failed()) {
          done.fail(added.cause());
        } else if (more) {
          addPage(engine, last, upTo, done);
        } else {
          done.complete();
        }
      });
    });
  }

  static float[][] decode(GroupFaces.DescriptorPage page) {
    float[][] vectors = new float[page.ids().length][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = Descriptors.decode(page.descriptors().get(i));
    }
    return vectors;
  }

  private synchronized void startBuild(long total) {
    if (building != null || closed) {
      return;
    }
    buildDone.set(0);
    buildTotal = total;
    LOG.info("building the HNSW search index of group '{}' ({} faces)", group, total);
    long started = System.nanoTime();
    building = new HnswBuild(owner, group, folder, buildDone, () -> closed).run();
    building.onComplete(result -> {
      synchronized (this) {
        building = null;
        if (result.succeeded()) {
          if (closed) {
            owner.onBuildPool(() -> {
              result.result().close();
              return null;
            });
          } else {
            built = result.result();
            caughtUp = null; // the next search goes through a refresh, which switches to it
          }
        }
      }
      if (result.succeeded()) {
        LOG.info("the HNSW search index of group '{}' is built: {} faces in {} s", group, buildDone.get(),
            (System.nanoTime() - started) / 1_000_000_000L);
      } else {
        LOG.error("building the search index of group '{}' failed; the next search tries again", group, result.cause());
        synchronized (this) {
          if (hnsw == null && exact == null) {
            opening = null;
          }
        }
      }
    });
  }

  /** Whether an HNSW build is in progress (for tests and the benchmark). */
  synchronized boolean isBuilding() {
    return building != null;
  }

  /** Closes the engines (an HNSW index commits first); a build in progress stops and is discarded. */
  Future<Void> close() {
    Engine[] engines;
    Future<HnswIndex> inProgress;
    synchronized (this) {
      closed = true;
      caughtUp = null;
      engines = new Engine[] {exact, hnsw, built};
      inProgress = building;
      exact = null;
      hnsw = null;
      built = null;
    }
    Future<Void> buildStopped = inProgress == null ? Future.succeededFuture() : inProgress.<Void>mapEmpty().otherwiseEmpty();
    return buildStopped.compose(v -> owner.onBuildPool(() -> {
      for (Engine engine : engines) {
        if (engine != null) {
          engine.close();
        }
      }
      return null;
    }));
  }
}
