package org.aips.plugins.faceingest.ingest;

import java.util.HashSet;
import java.util.Set;

/**
 * The resume point of rows that finish out of order: every row before {@link #next()} is handled.
 * Rows handled after it are remembered until the gap before them closes; with {@code thread_num}
 * rows in flight there are fewer than that many.
 */
final class Watermark {

  private long next;
  private final Set<Long> doneAhead = new HashSet<>();

  Watermark(long next) {
    this.next = next;
  }

  void done(long row) {
    if (row == next) {
      next++;
      while (doneAhead.remove(next)) {
        next++;
      }
    } else if (row > next) {
      doneAhead.add(row);
    }
  }

  long next() {
    return next;
  }
}
