package org.aips.plugins.faceingest.search;

import org.aips.plugins.faceingest.store.GroupFaces;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exact scan: every descriptor of the group in memory, packed in blocks of {@link #BLOCK}
 * faces stored dimension-major ({@code block[d * BLOCK + j]} is value d of the block's face j).
 * Scoring a block is then, for each dimension, one multiply-add over {@code BLOCK} adjacent floats,
 * a loop the JIT turns into SIMD instructions (AVX2/AVX-512) without the incubating Vector API; the
 * query's values are read once per block and the block stays in the core's cache while every query
 * face of a request is scored against it.
 *
 * <p>One writer (the group's refresh) appends and deletes; searches run concurrently and see the
 * faces published before they started: the count is written last and read first (volatile).
 */
final class ExactIndex implements Engine {

  static final int BLOCK = 64;
  private static final int DIM = 1024;

  private volatile float[][] blocks = new float[16][];
  private volatile long[] ids = new long[BLOCK * 16];
  private volatile int count;
  /** Ids deleted since they were loaded; skipped by searches (a group this small rarely has many). */
  private volatile Set<Long> deleted = Set.of();
  private long highWater;
  private long deletionSeq;

  ExactIndex(long deletionSeq) {
    this.deletionSeq = deletionSeq;
  }

  @Override
  public String name() {
    return "exact";
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
  public long size() {
    return count - deleted.size();
  }

  @Override
  public void add(long[] newIds, float[][] descriptors) {
    int n = count;
    float[][] blockArray = blocks;
    long[] idArray = ids;
    for (int f = 0; f < newIds.length; f++) {
      int at = n + f;
      int b = at / BLOCK;
      if (b >= blockArray.length) {
        blockArray = java.util.Arrays.copyOf(blockArray, blockArray.length * 2);
      }
      if (blockArray[b] == null) {
        blockArray[b] = new float[BLOCK * DIM];
      }
      if (at >= idArray.length) {
        idArray = java.util.Arrays.copyOf(idArray, idArray.length * 2);
      }
      float[] block = blockArray[b];
      float[] v = descriptors[f];
      int j = at % BLOCK;
      for (int d = 0; d < DIM; d++) {
        block[d * BLOCK + j] = v[d];
      }
      idArray[at] = newIds[f];
    }
    blocks = blockArray;
    ids = idArray;
    count = n + newIds.length; // published last
    if (newIds.length > 0) {
      highWater = newIds[newIds.length - 1];
    }
  }

  @Override
  public void delete(List<GroupFaces.Deletion> deletions) {
    if (deletions.isEmpty()) {
      return;
    }
    Set<Long> now = new HashSet<>(deleted);
    deletions.forEach(d -> now.add(d.faceId()));
    deleted = Set.copyOf(now);
    deletionSeq = deletions.get(deletions.size() - 1).seq();
  }

  @Override
  public void caughtUp(long highWater, long deletionSeq) {
    this.highWater = Math.max(this.highWater, highWater);
    this.deletionSeq = Math.max(this.deletionSeq, deletionSeq);
  }

  @Override
  public List<List<Match>> search(float[][] queries, int k) {
    int n = count;
    float[][] blockArray = blocks;
    long[] idArray = ids;
    Set<Long> gone = deleted;
    TopK[] tops = new TopK[queries.length];
    for (int q = 0; q < queries.length; q++) {
      tops[q] = new TopK(k);
    }
    float[] acc = new float[BLOCK];
    for (int b = 0; b * BLOCK < n; b++) {
      float[] block = blockArray[b];
      int inBlock = Math.min(BLOCK, n - b * BLOCK);
      for (int q = 0; q < queries.length; q++) {
        score(block, queries[q], acc);
        TopK top = tops[q];
        for (int j = 0; j < inBlock; j++) {
          if (acc[j] > top.bar()) {
            long id = idArray[b * BLOCK + j];
            if (gone.isEmpty() || !gone.contains(id)) {
              top.offer(acc[j], id);
            }
          }
        }
      }
    }
    List<List<Match>> results = new ArrayList<>(queries.length);
    for (TopK top : tops) {
      results.add(top.sorted());
    }
    return results;
  }

  /** acc[j] = dot(query, face j of the block): a multiply-add over BLOCK adjacent floats per dimension (vectorised by the JIT). */
  static void score(float[] block, float[] query, float[] acc) {
    java.util.Arrays.fill(acc, 0f);
    for (int d = 0; d < DIM; d++) {
      float qd = query[d];
      int base = d * BLOCK;
      for (int j = 0; j < BLOCK; j++) {
        acc[j] += qd * block[base + j];
      }
    }
  }

  @Override
  public void close() {
    blocks = new float[0][];
    ids = new long[0];
    count = 0;
  }
}
