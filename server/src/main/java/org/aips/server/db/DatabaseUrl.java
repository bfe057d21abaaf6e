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

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
