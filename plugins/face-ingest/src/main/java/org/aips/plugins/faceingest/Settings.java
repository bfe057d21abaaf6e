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
 */
public record Settings(boolean allowPrivateAddresses, int connectTimeoutMs, int fetchTimeoutMs, long maxImageBytes, int maxRedirects,
                       long maxCsvBytes, long maxCsvRows, int maxThreadNum, int faceRetries, int faceRetryDelayMs, int faceTimeoutMs,
                       int checkpointRows, int concurrentTasks, boolean stopRunningOnRestart, int exactSearchMax) {

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
        config.getInteger("exactSearchMax", 20_000));
    settings.check();
    return settings;
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
