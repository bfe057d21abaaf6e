package org.aips.server.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.aips.server.bench.InFlight;
import org.aips.server.db.DatabaseUrl;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.gson.GsonJsonMapper;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/** JobRunr in this JVM, as an application embeds it: JobScheduler to enqueue, a BackgroundJobServer to work. */
final class JobRunrPeer implements QueueSystem {

  /** The smallest poll interval JobRunr accepts for a SQL database ("otherwise it will cause too much load"). */
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
  private static final int WORKERS = Runtime.getRuntime().availableProcessors() * 8;
  private static final int POOL_SIZE = WORKERS + 4;

  private final HikariDataSource dataSource;
  private final PostgresStorageProvider storage;
  private final JsonMapper json = new GsonJsonMapper();
  private final JobScheduler scheduler;

  JobRunrPeer(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(POOL_SIZE);
    dataSource = new HikariDataSource(config);
    storage = new PostgresStorageProvider(dataSource); // creates its tables
    scheduler = JobRunr.configure().useStorageProvider(storage).useJsonMapper(json).initialize().getJobScheduler();
  }

  @Override public String name() { return "JobRunr"; }

  /** The version the peers profile put on the class path (its jobrunr.version). */
  @Override public String version() { return System.getProperty("aips.peers.jobrunrVersion", "unknown"); }

  @Override public String settings() {
    return "in-process BackgroundJobServer: workerCount " + WORKERS + " (cores × 8), pollInterval "
        + POLL_INTERVAL.toSeconds() + " s (its minimum for SQL; no LISTEN/NOTIFY), HikariCP pool " + POOL_SIZE + ", Gson mapper";
  }

  @Override public void clear() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE jobrunr_jobs");
      statement.execute("VACUUM ANALYZE");
    }
  }

  @Override public double enqueueOneByOne(int n) throws InterruptedException {
    return InFlight.run(n, PeersBenchmark.IN_FLIGHT, i -> scheduler.enqueue(() -> JobRunrNoop.run(i)));
  }

  @Override public double enqueueBulk(int n) {
    long t0 = System.nanoTime();
    for (int from = 0; from < n; from += PeersBenchmark.BULK_CHUNK) {
      int to = Math.min(n, from + PeersBenchmark.BULK_CHUNK);
      scheduler.enqueue(IntStream.range(from, to).boxed(), i -> JobRunrNoop.run(i));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override public double drain(int n) throws Exception {
    long target = JobRunrNoop.RUNS.get() + n;
    long t0 = System.nanoTime();
    BackgroundJobServer worker = startWorker();
    try {
      awaitAllSucceeded(target);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      worker.stop();
    }
  }

  @Override public double flow(int n) throws Exception {
    BackgroundJobServer worker = startWorker();
    try {
      long target = JobRunrNoop.RUNS.get() + n;
      long t0 = System.nanoTime();
      enqueueOneByOne(n);
      awaitAllSucceeded(target);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      worker.stop();
    }
  }

  @Override public List<Double> idleLatency(int samples) throws Exception {
    BackgroundJobServer worker = startWorker();
    try {
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
        int sample = i;
        CompletableFuture<Long> start = new CompletableFuture<>();
        JobRunrNoop.STARTS.put(sample, start);
        long t0 = System.nanoTime();
        scheduler.enqueue(() -> JobRunrNoop.run(sample));
        long started = start.get(30, TimeUnit.SECONDS);
        millis.add((started - t0) / 1e6);
      }
      return millis;
    } finally {
      worker.stop();
    }
  }

  @Override public void close() {
    dataSource.close();
  }

  private BackgroundJobServer startWorker() {
    BackgroundJobServerConfiguration config = usingStandardBackgroundJobServerConfiguration()
        .andWorkerCount(WORKERS).andPollInterval(POLL_INTERVAL);
    BackgroundJobServer worker = new BackgroundJobServer(storage, json, new StaticJobs(), config);
    worker.start();
    return worker;
  }

  /** Until the jobs have run and JobRunr has written every one as SUCCEEDED. */
  private void awaitAllSucceeded(long runs) throws SQLException, InterruptedException {
    while (JobRunrNoop.RUNS.get() < runs) {
      Thread.sleep(2);
    }
    while (unfinished() > 0) {
      Thread.sleep(5);
    }
  }

  private long unfinished() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
         ResultSet count = statement.executeQuery("SELECT count(*) FROM jobrunr_jobs WHERE state <> 'SUCCEEDED'")) {
      count.next();
      return count.getLong(1);
    }
  }

  /** The job is a static method: nothing to instantiate. */
  private static final class StaticJobs implements JobActivator {
    @Override
    public <T> T activateJob(Class<T> type) {
      return null;
    }
  }
}
