package org.aips.plugins.faceingest.search;

import org.aips.plugins.faceingest.store.GroupFaces;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The approximate index of a large group, in the plugin's data folder: Lucene's HNSW graph
 * ({@link KnnFloatVectorField}, {@link KnnFloatVectorQuery}) over the descriptors'
 * {@link Projection}, and the full descriptors in a {@link DescriptorFile} (at the ordinal each
 * document names) with which the graph's candidates are re-ranked exactly. Faces are added above
 * the high-water mark and deleted by id; the state (high-water mark, last deletion, next ordinal)
 * is in Lucene's commit data, committed at most every {@link #COMMIT_MILLIS}; after a crash the
 * index reopens at its last commit and catches up.
 */
final class HnswIndex implements Engine {

  static final String VECTOR = "v";
  static final String ID = "id";
  static final String ORD = "ord";
  private static final long COMMIT_MILLIS = 10_000;

  private final Path folder;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final DescriptorFile descriptors;
  private final Projection projection;
  private final int candidates;
  private final AtomicLong nextOrd;
  private volatile long highWater;
  private volatile long deletionSeq;
  private long committedAt = System.currentTimeMillis();
  private boolean dirty;

  private HnswIndex(Path folder, Directory directory, IndexWriter writer, DescriptorFile descriptors, Projection projection,
                    Options options, long nextOrd, long highWater, long deletionSeq) throws IOException {
    this.folder = folder;
    this.directory = directory;
    this.writer = writer;
    this.descriptors = descriptors;
    this.projection = projection;
    this.candidates = options.candidates();
    this.nextOrd = new AtomicLong(nextOrd);
    this.highWater = highWater;
    this.deletionSeq = deletionSeq;
    this.searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        return new IndexSearcher(reader, options.segmentSearch()); // each segment's graph on its own thread, the caller's included
      }
    });
  }

  /** Graph parameters, and the threads that search a query's segments side by side (null: one after the other). */
  record Options(int dims, int m, int beamWidth, int candidates, boolean int8, int ramBufferMb, Executor segmentSearch) {
  }

  /** Starts a new, empty index in {@code folder} (whatever was there is removed). */
  static HnswIndex create(Path folder, Projection projection, Options options, long deletionSeq) throws IOException {
    deleteFolder(folder);
    Files.createDirectories(folder.resolve("lucene"));
    if (projection != null) {
      projection.write(folder.resolve("projection.f32"));
    }
    IndexWriterConfig config = config(options).setOpenMode(IndexWriterConfig.OpenMode.CREATE).setMergePolicy(NoMergePolicy.INSTANCE);
    Directory directory = FSDirectory.open(folder.resolve("lucene"));
    IndexWriter writer = new IndexWriter(directory, config);
    DescriptorFile descriptors = DescriptorFile.create(folder.resolve("descriptors.f32"), DescriptorFile.CHUNK);
    return new HnswIndex(folder, directory, writer, descriptors, projection, options, 0, 0, deletionSeq);
  }

  /** Reopens a complete index at its last commit; empty when there is none (never built, or the build did not finish). */
  static java.util.Optional<HnswIndex> open(Path folder, Options options) throws IOException {
    Path lucene = folder.resolve("lucene");
    if (!Files.isDirectory(lucene)) {
      return java.util.Optional.empty();
    }
    Map<String, String> data;
    try (Directory probe = FSDirectory.open(lucene)) {
      if (!DirectoryReader.indexExists(probe)) {
        return java.util.Optional.empty();
      }
      data = SegmentInfos.readLatestCommit(probe).getUserData();
    }
    if (!"true".equals(data.get("complete"))) {
      return java.util.Optional.empty();
    }
    Projection projection = Files.exists(folder.resolve("projection.f32")) ? Projection.read(folder.resolve("projection.f32")) : null;
    long nextOrd = Long.parseLong(data.get("nextOrd"));
    DescriptorFile descriptors = DescriptorFile.open(folder.resolve("descriptors.f32"), nextOrd, DescriptorFile.CHUNK);
    Directory directory = FSDirectory.open(lucene);
    IndexWriter writer = new IndexWriter(directory, config(options).setOpenMode(IndexWriterConfig.OpenMode.APPEND)
        .setMergePolicy(tiered()));
    return java.util.Optional.of(new HnswIndex(folder, directory, writer, descriptors, projection, options, nextOrd,
        Long.parseLong(data.get("highWater")), Long.parseLong(data.get("deletionSeq"))));
  }

  private static IndexWriterConfig config(Options options) {
    int m = options.m();
    int beam = options.beamWidth();
    // int8: the graph walks bytes, a quarter of the memory it reads at every hop; the floats are kept
    // beside them (Lucene's format), and the candidates are re-ranked with the full descriptors anyway.
    KnnVectorsFormat format = options.int8() ? new Lucene99HnswScalarQuantizedVectorsFormat(m, beam) : new Lucene99HnswVectorsFormat(m, beam);
    return new IndexWriterConfig().setCodec(new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    }).setRAMBufferSizeMB(options.ramBufferMb()).setCommitOnClose(false);
  }

  /** Small segments from catching up merge; the large ones of the first build stay as they are (a merge rebuilds a graph). */
  private static TieredMergePolicy tiered() {
    TieredMergePolicy policy = new TieredMergePolicy();
    policy.setMaxMergedSegmentMB(256);
    return policy;
  }

  @Override
  public String name() {
    return "hnsw";
  }

  @Override
  public long highWater() {
    return highWater;
  }

  @Override
  public long deletionSeq() {
    return deletionSeq;
  }

  @Override
  public long size() throws IOException {
    searchers.maybeRefreshBlocking(); // the writer's counts leave buffered deletions out; the reader's do not
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** Thread-safe: a build adds pages from several threads (the descriptors' ordinals are drawn atomically). */
  @Override
  public void add(long[] ids, float[][] vectors) throws IOException {
    long first = nextOrd.getAndAdd(ids.length);
    descriptors.write(first, vectors);
    List<Document> docs = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      Document doc = new Document();
      doc.add(new KnnFloatVectorField(VECTOR, projection == null ? vectors[i] : projection.project(vectors[i]),
          VectorSimilarityFunction.DOT_PRODUCT));
      doc.add(new LongPoint(ID, ids[i]));
      doc.add(new NumericDocValuesField(ID, ids[i]));
      doc.add(new NumericDocValuesField(ORD, first + i));
      docs.add(doc);
    }
    writer.addDocuments(docs);
    synchronized (this) {
      dirty = true;
      highWater = Math.max(highWater, ids[ids.length - 1]); // a catch-up adds in id order; a build sets it when done
    }
  }

  @Override
  public void delete(List<GroupFaces.Deletion> deletions) throws IOException {
    if (deletions.isEmpty()) {
      return;
    }
    Query[] queries = deletions.stream().map(d -> LongPoint.newExactQuery(ID, d.faceId())).toArray(Query[]::new);
    writer.deleteDocuments(queries);
    synchronized (this) {
      dirty = true;
    }
  }

  @Override
  public void caughtUp(long highWater, long deletionSeq) throws IOException {
    this.highWater = Math.max(this.highWater, highWater);
    this.deletionSeq = Math.max(this.deletionSeq, deletionSeq);
    searchers.maybeRefreshBlocking();
    boolean commit;
    synchronized (this) {
      commit = dirty && System.currentTimeMillis() - committedAt >= COMMIT_MILLIS;
    }
    if (commit) {
      commit();
    }
  }

  /** Makes the index durable as it is: the descriptors first, then Lucene with the state that goes with them. */
  void commit() throws IOException {
    synchronized (this) {
      dirty = false;
      committedAt = System.currentTimeMillis();
    }
    descriptors.force();
    writer.setLiveCommitData(Map.of("complete", "true", "highWater", Long.toString(highWater), "deletionSeq", Long.toString(deletionSeq),
        "nextOrd", Long.toString(nextOrd.get())).entrySet());
    writer.commit();
  }

  /** After the first build: commit, and let later small segments merge. */
  void built(long highWater, long deletionSeq) throws IOException {
    this.highWater = highWater;
    this.deletionSeq = deletionSeq;
    commit();
    writer.getConfig().setMergePolicy(tiered());
    searchers.maybeRefreshBlocking();
  }

  @Override
  public List<List<Match>> search(float[][] queries, int k) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      List<List<Match>> results = new ArrayList<>(queries.length);
      for (float[] query : queries) {
        results.add(search(searcher, query, k));
      }
      return results;
    } finally {
      searchers.release(searcher);
    }
  }

  private List<Match> search(IndexSearcher searcher, float[] query, int k) throws IOException {
    float[] target = projection == null ? query : projection.project(query);
    Nearest nearest = new Nearest(target, Math.max(k, candidates));
    searcher.rewrite(nearest);
    ScoreDoc[] hits = nearest.hits.scoreDocs.clone();
    Arrays.sort(hits, Comparator.comparingInt(h -> h.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    TopK best = new TopK(k);
    float[] stored = new float[DescriptorFile.DIM];
    int leafIndex = -1;
    NumericDocValues ids = null;
    NumericDocValues ords = null;
    for (ScoreDoc hit : hits) {
      int leaf = ReaderUtil.subIndex(hit.doc, leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != leafIndex) {
        leafIndex = leaf;
        ids = context.reader().getNumericDocValues(ID);
        ords = context.reader().getNumericDocValues(ORD);
      }
      int doc = hit.doc - context.docBase;
      if (ids == null || ords == null || !ids.advanceExact(doc) || !ords.advanceExact(doc)) {
        continue;
      }
      descriptors.read(ords.longValue(), stored);
      best.offer(Projection.dot(stored, 0, query, 0), ids.longValue());
    }
    return best.sorted();
  }

  @Override
  public void close() throws IOException {
    try {
      if (dirty) {
        commit();
      }
    } finally {
      searchers.close();
      writer.close();
      descriptors.close();
      directory.close();
    }
  }

  /** Closes without committing and removes the folder (a failed or abandoned build). */
  void discard() {
    try {
      searchers.close();
      writer.rollback();
      descriptors.close();
      directory.close();
    } catch (IOException | RuntimeException e) {
      // removed below in any case
    }
    deleteFolder(folder);
  }

  static void deleteFolder(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (var walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A k-NN query that keeps its merged hits: rewriting it searches the segments' graphs (side by side on the
   * searcher's executor) and is all a search needs; running the rewritten query would only score the same hits again,
   * a second round of tasks.
   */
  private static final class Nearest extends KnnFloatVectorQuery {
    private TopDocs hits;

    Nearest(float[] target, int k) {
      super(VECTOR, target, k);
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      hits = super.mergeLeafResults(perLeafResults);
      return hits;
    }
  }
}
