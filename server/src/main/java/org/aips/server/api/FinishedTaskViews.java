package org.aips.server.api;

import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ready-to-send {@code query-task} answers for finished tasks (done, failed, cancelled), so polling
 * clients — the common case — cost no database round trip.
 *
 * <p>A finished task changes only when its result is fetched ({@code visitTimes}) and when its
 * retention passes. The first is announced on the event bus by whichever node counted the visit and
 * evicts the entry here; the second is checked against the clock on every hit. A read that started
 * before an eviction may not store what it read (it may predate the visit), hence the generation check.
 *
 * <p>One instance per HTTP verticle, used only on its event loop: no locking. Least recently used
 * entries go first once {@code capacity} is reached.
 */
final class FinishedTaskViews {

  record View(String uid, Long retentionMillis, Buffer response) {
  }

  private final Map<String, View> views;
  private long generation;

  FinishedTaskViews(int capacity) {
    this.views = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, View> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached answer for {@code queryCode} if it belongs to {@code uid} and its retention has not passed. */
  Buffer find(String queryCode, String uid, long now) {
    View view = views.get(queryCode);
    if (view == null || !view.uid().equals(uid)) {
      return null;
    }
    if (view.retentionMillis() != null && view.retentionMillis() <= now) {
      views.remove(queryCode);
      return null;
    }
    return view.response();
  }

  /** Call before reading a task from the database; pass the result to {@link #store}. */
  long generation() {
    return generation;
  }

  void store(long readAtGeneration, String queryCode, Supplier<View> view) {
    if (readAtGeneration == generation) {
      views.put(queryCode, view.get());
    }
  }

  void evict(String queryCode) {
    generation++;
    views.remove(queryCode);
  }
}
