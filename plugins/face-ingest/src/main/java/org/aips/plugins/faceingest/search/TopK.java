package org.aips.plugins.faceingest.search;

import java.util.ArrayList;
import java.util.List;

/** The k best (highest similarity) faces seen so far: a min-heap on similarity, its root the one to beat. */
final class TopK {

  private final int k;
  private final float[] scores;
  private final long[] ids;
  private int size;

  TopK(int k) {
    this.k = k;
    this.scores = new float[k];
    this.ids = new long[k];
  }

  /** The similarity a face must exceed to enter (negative infinity until k faces are in). */
  float bar() {
    return size < k ? Float.NEGATIVE_INFINITY : scores[0];
  }

  void offer(float score, long id) {
    if (size < k) {
      int i = size++;
      scores[i] = score;
      ids[i] = id;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (scores[parent] <= scores[i]) {
          break;
        }
        swap(i, parent);
        i = parent;
      }
    } else if (score > scores[0]) {
      scores[0] = score;
      ids[0] = id;
      int i = 0;
      while (true) {
        int left = 2 * i + 1;
        int smallest = i;
        if (left < size && scores[left] < scores[smallest]) {
          smallest = left;
        }
        if (left + 1 < size && scores[left + 1] < scores[smallest]) {
          smallest = left + 1;
        }
        if (smallest == i) {
          break;
        }
        swap(i, smallest);
        i = smallest;
      }
    }
  }

  /** Best first. */
  List<Match> sorted() {
    List<Match> matches = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      matches.add(new Match(ids[i], scores[i]));
    }
    matches.sort((a, b) -> a.similarity() != b.similarity() ? Float.compare(b.similarity(), a.similarity()) : Long.compare(a.faceId(), b.faceId()));
    return matches;
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    long id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
  }
}
