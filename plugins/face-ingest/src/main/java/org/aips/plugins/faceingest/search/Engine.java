package org.aips.plugins.faceingest.search;

import org.aips.plugins.faceingest.store.GroupFaces;

import java.io.IOException;
import java.util.List;

/**
 * A group's search index on this node: the exact scan or the HNSW index. It follows the face table
 * by a high-water mark (every face of the group with an id up to it is in) and the last deletion
 * applied. Changed by one refresh at a time; searched by any number of threads meanwhile.
 */
interface Engine extends AutoCloseable {

  String name();

  long highWater();

  long deletionSeq();

  /** Faces in the index (deleted ones excluded). */
  long size() throws IOException;

  /** Adds faces in id order, all above the high-water mark, which moves to the last one. */
  void add(long[] ids, float[][] descriptors) throws IOException;

  void delete(List<GroupFaces.Deletion> deletions) throws IOException;

  /** Says that the index now holds every face up to {@code highWater} and every deletion up to {@code deletionSeq}; makes it searchable. */
  void caughtUp(long highWater, long deletionSeq) throws IOException;

  /** The k most similar faces to each query (unit-length descriptors), best first. */
  List<List<Match>> search(float[][] queries, int k) throws IOException;

  @Override
  void close() throws IOException;
}
