package org.aips.plugins.faceingest.search;

/** The group is larger than the exact scan takes and its HNSW index is being built on this node: try again shortly. */
public final class IndexBuilding extends RuntimeException {

  private final long indexed;
  private final long total;

  IndexBuilding(long indexed, long total) {
    super("the search index of this group is being built (" + indexed + " of " + total + " faces); try again shortly", null, false, false);
    this.indexed = indexed;
    this.total = total;
  }

  public long indexed() {
    return indexed;
  }

  public long total() {
    return total;
  }
}
