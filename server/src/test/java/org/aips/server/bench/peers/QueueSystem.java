package org.aips.server.bench.peers;

import java.util.List;

/**
 * One job queue under the protocol of {@link PeersBenchmark}: each step leaves its jobs behind,
 * {@link #clear} empties the queue between steps. Times are seconds, measured in the system's own client.
 */
interface QueueSystem extends AutoCloseable {

  /** Short name in the table, e.g. {@code graphile-worker}. */
  String name();

  /** The version measured, e.g. {@code 0.18.0}. */
  String version();

  /** The worker settings, in words, as the docs print them. */
  String settings();

  /** Empties the queue (and runs VACUUM ANALYZE, so every step starts from the same state). */
  void clear() throws Exception;

  /** Seconds to enqueue n jobs one request/call at a time, {@link PeersBenchmark#IN_FLIGHT} at once; no worker runs. */
  double enqueueOneByOne(int n) throws Exception;

  /** Seconds to enqueue n jobs through the bulk API in chunks of {@link PeersBenchmark#BULK_CHUNK}; no worker runs. */
  double enqueueBulk(int n) throws Exception;

  /** Seconds from starting a worker on the n queued jobs until all n are completed and their completion written. */
  double drain(int n) throws Exception;

  /** With a worker running: seconds from the first of n one-by-one enqueues (8 in flight) to the last completion written. */
  double flow(int n) throws Exception;

  /** Milliseconds from the enqueue call to the handler's start, for jobs enqueued 0–1 s after the previous one started. */
  List<Double> idleLatency(int samples) throws Exception;
}
