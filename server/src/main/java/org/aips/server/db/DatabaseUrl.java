package org.aips.server.db;

import io.vertx.pgclient.PgConnectOptions;

/** One PostgreSQL location in the two forms AIPS needs: Vert.x pg-client options and a JDBC URL (for Flyway). */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

  /** Accepts {@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://host:port/db?user=..&password=..}. */
  public static DatabaseUrl parse(String url) {
    String uri = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    return new DatabaseUrl(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(), options.getPassword());
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host).setPort(port).setDatabase(database).setUser(user).setPassword(password)
        .setCachePreparedStatements(true)
        // the queue's statements are long CTEs (the submission's insert is 3.5 kB): over the default 2 kB limit
        // they were parsed and planned again at every call (0.4 ms of a submission's ~2.5)
        .setPreparedStatementCacheSqlLimit(16_384)
        .setPipeliningLimit(256);
  }

  /**
   * For pools whose statements are index lookups and batches of a few rows (the HTTP side): one generic
   * plan per connection and statement, and no sequential scan where an index serves. Measured on the
   * submission's insert: planned anew at each execution (PostgreSQL's choice for it), planning took
   * longer than running (0.56 vs 0.36 ms); and on statistics taken while the queue was empty (an
   * autovacuum after a quiet spell), every submission scanned the whole task_queue (4.1 ms at 10,000
   * queued, growing with the queue). A generic plan assumes 10 rows per array: large batches take
   * {@link #batchOptions()}.
   */
  public PgConnectOptions lookupOptions() {
    return batchOptions().addProperty("plan_cache_mode", "force_generic_plan");
  }

  /** Batches of up to this many rows still run well on {@link #lookupOptions()}' generic plans; larger ones take {@link #batchOptions()}. */
  public static final int GENERIC_PLAN_MAX_ROWS = 64;

  /**
   * For the scheduler's claims, one statement at a time on one connection: {@link #lookupOptions()}
   * (each part of a claim is an index range or lookup; planning it anew took 1.3 of its 1.7 ms) and
   * an asynchronous commit, which spares the claim a WAL flush (1.3 ms of an idle task's start).
   * Safe because a claim only leases a task: one lost with the database's last moments of WAL left
   * the task waiting, and it is claimed again as after an expired lease; every synchronous commit
   * that follows it (a completion, a checkpoint, a submission) flushes it first.
   */
  public PgConnectOptions claimOptions() {
    return lookupOptions().addProperty("synchronous_commit", "off");
  }

  /** For batches of hundreds of rows: planned for their arrays at each execution, still without needless sequential scans. */
  public PgConnectOptions batchOptions() {
    return connectOptions().addProperty("enable_seqscan", "off");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
