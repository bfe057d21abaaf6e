package org.aips.plugins.faceingest;

import io.vertx.core.json.JsonObject;

/**
 * The plugin's configuration ({@code plugins.config.faceingest}), read and checked once. Every
 * limit of the service is here, with its default (docs/face-ingest.md lists them).
 *
 * @param allowPrivateAddresses  fetch images from loopback, private and link-local addresses (off: a CSV is user input)
 * @param connectTimeoutMs       connecting to an image's host
 * @param fetchTimeoutMs         the whole download of one image, redirects included
 * @param maxImageBytes          largest image accepted (downloaded or in a data: URI)
 * @param maxRedirects           redirects followed per image
 * @param maxCsvBytes            largest CSV file accepted at create
 * @param maxCsvRows             most rows in one CSV
 * @param maxThreadNum           largest {@code thread_num} accepted
 * @param faceRetries            extra tries of a row whose faces call failed for a transient reason, before code 301
 * @param faceRetryDelayMs       wait before each such try
 * @param faceTimeoutMs          deadline of one faces call
 * @param checkpointRows         rows between two saves of the resume point
 * @param concurrentTasks        ingestion tasks one executor node runs at once
 * @param stopRunningOnRestart   seed 002's rule: tasks running when the service went down are stopped at its start
 * @param exactSearchMax         groups up to this many faces are searched exactly; larger ones through the HNSW index
 * @param maxSearchImageBytes    largest image a search accepts
 * @param searchThreads          worker threads that run searches (exact scans and HNSW queries)
 * @param hnswDimensions         dimensions of the projection the HNSW graph is built on (0: the full 1024)
 * @param hnswM                  HNSW graph: neighbours per node
 * @param hnswBeamWidth          HNSW graph: candidates considered when a node is inserted
 * @param hnswCandidates         candidates taken from the graph per query face and re-ranked with the full descriptors
 * @param hnswQuantization       how the graph's vectors are kept and compared: {@code int8} (Lucene's scalar quantization) or {@code none} (floats)
 * @param hnswRamBufferMb        Lucene's indexing buffer: a segment per this many MiB of graph
 * @param hnswBuildThreads       threads that build an HNSW index
 * @param duplicateSimilarity    default near-duplicate threshold of new tasks (0: off): a face this similar to one in the group is logged 209
 */
public record Settings(boolean allowPrivateAddresses, int connectTimeoutMs, int fetchTimeoutMs, long maxImageBytes, int maxRedirects,
                       long maxCsvBytes, long maxCsvRows, int maxThreadNum, int faceRetries, int faceRetryDelayMs, int faceTimeoutMs,
                       int checkpointRows, int concurrentTasks, boolean stopRunningOnRestart, int exactSearchMax,
                       long maxSearchImageBytes, int searchThreads, int hnswDimensions, int hnswM, int hnswBeamWidth, int hnswCandidates,
                       String hnswQuantization, int hnswRamBufferMb, int hnswBuildThreads, double duplicateSimilarity) {

  /** Descriptor length of the faces service. */
  public static final int DESCRIPTOR_LENGTH = 1024;

  public static Settings from(JsonObject config) {
    Settings settings = new Settings(
        config.getBoolean("allowPrivateAddresses", false),
        config.getInteger("connectTimeoutMs", 5_000),
        config.getInteger("fetchTimeoutMs", 30_000),
        config.getLong("maxImageBytes", 16L << 20),
        config.getInteger("maxRedirects", 5),
        config.getLong("maxCsvBytes", 1L << 30),
        config.getLong("maxCsvRows", 10_000_000L),
        config.getInteger("maxThreadNum", 64),
        config.getInteger("faceRetries", 3),
        config.getInteger("faceRetryDelayMs", 1_000),
        config.getInteger("faceTimeoutMs", 60_000),
        config.getInteger("checkpointRows", 100),
        config.getInteger("concurrentTasks", 2),
        config.getBoolean("stopRunningOnRestart", true),
        config.getInteger("exactSearchMax", 20_000),
        config.getLong("maxSearchImageBytes", 16L << 20),
        config.getInteger("searchThreads", Math.max(2, Runtime.getRuntime().availableProcessors())),
        config.getInteger("hnswDimensions", 128),
        config.getInteger("hnswM", 16),
        config.getInteger("hnswBeamWidth", 100),
        config.getInteger("hnswCandidates", 200),
        config.getString("hnswQuantization", "int8"),
        config.getInteger("hnswRamBufferMb", 256),
        config.getInteger("hnswBuildThreads", Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))),
        config.getDouble("duplicateSimilarity", 0.0));
    settings.check();
    return settings;
  }

  /** The HNSW graph walks int8-quantized vectors ({@code hnswQuantization: int8}). */
  public boolean hnswInt8() {
    return hnswQuantization.equals("int8");
  }

  private void check() {
    positive("connectTimeoutMs", connectTimeoutMs);
    positive("fetchTimeoutMs", fetchTimeoutMs);
    positive("maxImageBytes", maxImageBytes);
    positive("maxCsvBytes", maxCsvBytes);
    positive("maxCsvRows", maxCsvRows);
    positive("maxThreadNum", maxThreadNum);
    positive("faceTimeoutMs", faceTimeoutMs);
    positive("checkpointRows", checkpointRows);
    positive("concurrentTasks", concurrentTasks);
    positive("maxSearchImageBytes", maxSearchImageBytes);
    positive("searchThreads", searchThreads);
    positive("hnswM", hnswM);
    positive("hnswBeamWidth", hnswBeamWidth);
    positive("hnswCandidates", hnswCandidates);
    positive("hnswRamBufferMb", hnswRamBufferMb);
    positive("hnswBuildThreads", hnswBuildThreads);
    if (hnswDimensions < 0 || hnswDimensions > DESCRIPTOR_LENGTH) {
      throw new IllegalArgumentException("hnswDimensions must be within 0.." + DESCRIPTOR_LENGTH + " (0: the full descriptor)");
    }
    if (!hnswQuantization.equals("int8") && !hnswQuantization.equals("none")) {
      throw new IllegalArgumentException("hnswQuantization must be int8 or none, not " + hnswQuantization);
    }
    if (duplicateSimilarity < 0 || duplicateSimilarity > 1) {
      throw new IllegalArgumentException("duplicateSimilarity must be within 0..1 (0: off)");
    }
    if (maxRedirects < 0 || faceRetries < 0 || faceRetryDelayMs < 0 || exactSearchMax < 0) {
      throw new IllegalArgumentException("maxRedirects, faceRetries, faceRetryDelayMs and exactSearchMax must not be negative");
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
