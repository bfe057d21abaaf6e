package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Caps the requests one client has on the wire. When a thousand renders start together, their
 * calls wait here, with no deadline, instead of in the HTTP connection pool, where the wait would
 * count against the connect timeout and fail calls that were never sent. A waiting call starts on
 * the Vert.x context it was made on, so callers keep their threading.
 */
final class RequestLimit {

  private final int max;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  RequestLimit(int max) {
    this.max = max;
  }

  /** Runs {@code request} when a slot is free; an {@code urgent} one goes to the head of the queue. */
  <T> Future<T> run(boolean urgent, Supplier<Future<T>> request) {
    Promise<T> done = Promise.promise();
    Context caller = Vertx.currentContext();
    Runnable start = () -> {
      Future<T> sent;
      try {
        sent = request.get();
      } catch (RuntimeException e) {
        sent = Future.failedFuture(e);
      }
      sent.onComplete(result -> {
        release();
        done.handle(result);
      });
    };
    boolean now;
    synchronized (this) {
      now = running < max;
      if (now) {
        running++;
      } else {
        Runnable queued = caller == null ? start : () -> caller.runOnContext(v -> start.run());
        if (urgent) {
          waiting.addFirst(queued);
        } else {
          waiting.addLast(queued);
        }
      }
    }
    if (now) {
      start.run();
    }
    return done.future();
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
