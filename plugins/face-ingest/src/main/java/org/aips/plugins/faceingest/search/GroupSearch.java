package org.aips.plugins.faceingest.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.aips.spi.PluginHost;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group search on one node: a {@link GroupIndex} per group searched here, the worker pools they
 * run on (searches and exact scans on {@code faceingest-search}, HNSW builds and catch-ups on
 * {@code faceingest-index}; never the event loop), and the HNSW indexes' folder
 * ({@code <plugin data dir>/search/<sha-256 of the group name>}). One per node, shared by the
 * routes and the service that closes it (keyed by the plugin's data folder, since several nodes
 * may share a JVM in tests).
 */
public final class GroupSearch {

  private static final Map<Path, GroupSearch> NODES = new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final GroupFaces store;
  private final Settings settings;
  private final Path root;
  private final WorkerExecutor searchPool;
  private final WorkerExecutor buildPool;
  /** Searches a query's HNSW segments side by side (Lucene runs one on the searching thread too). */
  private final ExecutorService segmentPool;
  private final Map<String, GroupIndex> groups = new ConcurrentHashMap<>();

  private GroupSearch(Vertx vertx, GroupFaces store, Settings settings, Path root) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.root = root;
    this.searchPool = vertx.createSharedWorkerExecutor("faceingest-search", settings.searchThreads(), 10, TimeUnit.MINUTES);
    this.buildPool = vertx.createSharedWorkerExecutor("faceingest-index", settings.hnswBuildThreads(), 24, TimeUnit.HOURS);
    AtomicInteger threads = new AtomicInteger();
    this.segmentPool = Executors.newFixedThreadPool(settings.searchThreads(), work -> {
      Thread thread = new Thread(work, "faceingest-segments-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** This node's group search (created on first use). */
  public static GroupSearch forNode(PluginHost host, GroupFaces store, Settings settings) {
    return NODES.computeIfAbsent(host.dataDir().toAbsolutePath(),
        dir -> new GroupSearch(host.vertx(), store, settings, dir.resolve("search")));
  }

  /** Closes this node's group search, if it has one: indexes committed and closed, builds stopped. */
  public static Future<Void> closeNode(PluginHost host) {
    GroupSearch search = NODES.remove(host.dataDir().toAbsolutePath());
    return search == null ? Future.succeededFuture() : search.close();
  }

  /**
   * What the query faces found: each one's k best matches, and the summaries of those at least the asked similarity
   * (a match without a summary was deleted since the index last caught up).
   */
  public record Result(String engine, List<List<Match>> matches, Map<Long, GroupFaces.Summary> summaries) {
  }

  /**
   * The k most similar faces of the group to each query descriptor (unit length), with the summaries of those at least
   * {@code minSimilarity} similar.
   */
  public Future<Result> search(String group, float[][] queries, int k, double minSimilarity) {
    GroupIndex index = groups.computeIfAbsent(group, name -> new GroupIndex(this, name, root.resolve(folderName(name))));
    return index.search(queries, k, minSimilarity);
  }

  /** Whether the group exists: it has faces or tasks, or was searched on this node (groups are not deleted). */
  public Future<Boolean> exists(String group) {
    return isOpen(group) ? Future.succeededFuture(true) : store.exists(group);
  }

  /** Whether the group has been searched on this node. */
  public boolean isOpen(String group) {
    return groups.containsKey(group);
  }

  /** Whether the group's HNSW index is being built on this node. */
  public boolean isBuilding(String group) {
    GroupIndex index = groups.get(group);
    return index != null && index.isBuilding();
  }

  public GroupFaces store() {
    return store;
  }

  Settings settings() {
    return settings;
  }

  HnswIndex.Options hnswOptions() {
    return new HnswIndex.Options(settings.hnswDimensions(), settings.hnswM(), settings.hnswBeamWidth(), settings.hnswCandidates(),
        settings.hnswInt8(), settings.hnswRamBufferMb(), segmentPool);
  }

  <T> Future<T> onSearchPool(Callable<T> work) {
    return searchPool.executeBlocking(work, false);
  }

  <T> Future<T> onBuildPool(Callable<T> work) {
    return buildPool.executeBlocking(work, false);
  }

  /** Changes to an exact index run with the searches; changes to an HNSW index with the builds. */
  <T> Future<T> onWorker(Engine engine, Callable<T> work) {
    return (engine instanceof HnswIndex ? buildPool : searchPool).executeBlocking(work, false);
  }

  private Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    groups.values().forEach(index -> closing.add(index.close()));
    groups.clear();
    return Future.join(closing).<Void>mapEmpty().eventually(() -> {
      searchPool.close();
      segmentPool.shutdown();
      return buildPool.close();
    });
  }

  static String folderName(String group) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(group.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
