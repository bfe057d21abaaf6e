package org.aips.plugins.faceingest.search;

import org.aips.plugins.faceingest.store.GroupFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact scan against a plain loop in doubles, and the HNSW index's recall against the exact scan. */
class SearchIndexTest {

  private static final int N = 6_000;
  private final SyntheticFaces library = new SyntheticFaces(12, 4);

  @Test
  void theExactScanFindsWhatAPlainLoopFindsAndLeavesDeletedFacesOut() {
    ExactIndex exact = new ExactIndex(0);
    float[][] faces = IntStream.range(0, 1_000).mapToObj(library::face).toArray(float[][]::new);
    long[] ids = IntStream.range(0, 1_000).mapToLong(i -> 10L + 3L * i).toArray(); // ids with gaps, as a shared sequence makes them
    exact.add(Arrays.copyOfRange(ids, 0, 333), Arrays.copyOfRange(faces, 0, 333)); // appended in several pages, one partial block
    exact.add(Arrays.copyOfRange(ids, 333, 1_000), Arrays.copyOfRange(faces, 333, 1_000));
    assertThat(exact.highWater()).isEqualTo(ids[999]);
    float[][] queries = {library.query(5), library.query(500), library.query(999)};
    List<List<Match>> found = exact.search(queries, 10);
    for (int q = 0; q < queries.length; q++) {
      assertThat(found.get(q).stream().map(Match::faceId).toList()).isEqualTo(plainTop(queries[q], faces, ids, 10, Set.of()));
      assertThat(found.get(q).get(0).similarity()).isGreaterThan(0.5f);
    }
    long best = found.get(0).get(0).faceId();
    exact.delete(List.of(new GroupFaces.Deletion(4, best)));
    assertThat(exact.deletionSeq()).isEqualTo(4);
    assertThat(exact.size()).isEqualTo(999);
    assertThat(exact.search(queries, 10).get(0).stream().map(Match::faceId).toList())
        .isEqualTo(plainTop(queries[0], faces, ids, 10, Set.of(best)));
  }

  /** Both ways of keeping the graph's vectors: int8 (the default) and floats. */
  @ParameterizedTest(name = "int8 {0}")
  @ValueSource(booleans = {true, false})
  void theHnswIndexRecallsAtLeast95PercentOfTheExactTop10AndSurvivesAReopen(boolean int8, @TempDir Path folder) throws Exception {
    float[][] faces = IntStream.range(0, N).mapToObj(library::face).toArray(float[][]::new);
    long[] ids = IntStream.range(0, N).mapToLong(i -> i + 1L).toArray();
    HnswIndex.Options options = new HnswIndex.Options(64, 16, 100, 100, int8, 64, null);
    Projection projection = Projection.fit(Arrays.asList(faces).subList(0, 2_000), 64, 1);
    ExactIndex exact = new ExactIndex(0);
    exact.add(ids, faces);
    float[][] queries = IntStream.range(0, 100).mapToObj(i -> library.query(i * 59L)).toArray(float[][]::new);
    List<List<Match>> truth = exact.search(queries, 10);

    HnswIndex index = HnswIndex.create(folder, projection, options, 0);
    index.add(Arrays.copyOfRange(ids, 0, N / 2), Arrays.copyOfRange(faces, 0, N / 2));
    index.add(Arrays.copyOfRange(ids, N / 2, N), Arrays.copyOfRange(faces, N / 2, N));
    index.built(N, 0);
    double recall = recall(truth, index.search(queries, 10));
    assertThat(recall).as("recall@10").isGreaterThanOrEqualTo(0.95);
    List<List<Match>> found = index.search(queries, 10);
    assertThat(found.get(0).get(0).similarity()).as("similarities are the full descriptors' (re-ranked)")
        .isCloseTo(truth.get(0).get(0).similarity(), org.assertj.core.data.Offset.offset(1e-5f));

    long gone = truth.get(0).get(0).faceId();
    index.delete(List.of(new GroupFaces.Deletion(7, gone)));
    index.caughtUp(N, 7);
    assertThat(index.search(queries, 10).get(0)).extracting(Match::faceId).doesNotContain(gone);
    index.commit();
    index.close();

    HnswIndex reopened = HnswIndex.open(folder, options).orElseThrow();
    assertThat(reopened.highWater()).isEqualTo(N);
    assertThat(reopened.deletionSeq()).isEqualTo(7);
    assertThat(reopened.size()).isEqualTo(N - 1);
    assertThat(reopened.search(queries, 10).get(0)).extracting(Match::faceId).doesNotContain(gone);
    reopened.add(new long[] {N + 1}, new float[][] {library.query(0)});
    reopened.caughtUp(N + 1, 7);
    assertThat(reopened.search(new float[][] {library.query(0)}, 1).get(0).get(0).faceId()).isEqualTo(N + 1);
    reopened.close();
  }

  /** Segments searched side by side, one with a third of its faces deleted, one with few. */
  @Test
  void deletedFacesNeverAnswerAndTheRestAreStillFound(@TempDir Path folder) throws Exception {
    float[][] faces = IntStream.range(0, N).mapToObj(library::face).toArray(float[][]::new);
    long[] ids = IntStream.range(0, N).mapToLong(i -> i + 1L).toArray();
    java.util.concurrent.ExecutorService segmentThreads = java.util.concurrent.Executors.newSingleThreadExecutor();
    HnswIndex index = HnswIndex.create(folder, Projection.fit(Arrays.asList(faces).subList(0, 2_000), 64, 1),
        new HnswIndex.Options(64, 16, 100, 100, true, 64, segmentThreads), 0);
    index.add(Arrays.copyOfRange(ids, 0, N / 2), Arrays.copyOfRange(faces, 0, N / 2));
    index.add(Arrays.copyOfRange(ids, N / 2, N), Arrays.copyOfRange(faces, N / 2, N));
    index.built(N, 0);
    Set<Long> deleted = new HashSet<>();
    List<GroupFaces.Deletion> deletions = new ArrayList<>();
    for (long id = 1; id <= N; id++) {
      boolean firstHalf = id <= N / 2;
      if (firstHalf ? id % 3 == 0 : id % 50 == 0) { // 33% of one segment, 2% of the other
        deleted.add(id);
        deletions.add(new GroupFaces.Deletion(deletions.size() + 1, id));
      }
    }
    index.delete(deletions);
    index.caughtUp(N, deletions.size());
    ExactIndex live = new ExactIndex(0);
    live.add(Arrays.stream(ids).filter(id -> !deleted.contains(id)).toArray(),
        IntStream.range(0, N).filter(i -> !deleted.contains(ids[i])).mapToObj(i -> faces[i]).toArray(float[][]::new));
    float[][] queries = IntStream.range(0, 100).mapToObj(i -> library.query(i * 59L)).toArray(float[][]::new);
    List<List<Match>> found = index.search(queries, 10);
    assertThat(found).allSatisfy(matches -> assertThat(matches).hasSize(10)
        .extracting(Match::faceId).doesNotContainAnyElementsOf(deleted));
    assertThat(recall(live.search(queries, 10), found)).as("recall@10 among the faces left").isGreaterThanOrEqualTo(0.95);
    index.close();
    segmentThreads.shutdown();
  }

  @Test
  void anUnfinishedBuildIsNotReopened(@TempDir Path folder) throws Exception {
    HnswIndex index = HnswIndex.create(folder, null, new HnswIndex.Options(0, 16, 100, 100, true, 64, null), 0);
    index.add(new long[] {1}, new float[][] {library.face(1)});
    index.discard();
    assertThat(HnswIndex.open(folder, new HnswIndex.Options(0, 16, 100, 100, true, 64, null))).isEmpty();
  }

  static double recall(List<List<Match>> truth, List<List<Match>> found) {
    int hits = 0;
    int total = 0;
    for (int q = 0; q < truth.size(); q++) {
      Set<Long> expected = new HashSet<>(truth.get(q).stream().map(Match::faceId).toList());
      hits += (int) found.get(q).stream().filter(m -> expected.contains(m.faceId())).count();
      total += expected.size();
    }
    return (double) hits / total;
  }

  private static List<Long> plainTop(float[] query, float[][] faces, long[] ids, int k, Set<Long> excluded) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < faces.length; i++) {
      if (!excluded.contains(ids[i])) {
        order.add(i);
      }
    }
    double[] scores = new double[faces.length];
    for (int i = 0; i < faces.length; i++) {
      double s = 0;
      for (int d = 0; d < query.length; d++) {
        s += (double) query[d] * faces[i][d];
      }
      scores[i] = s;
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    return order.subList(0, k).stream().map(i -> ids[i]).toList();
  }
}
