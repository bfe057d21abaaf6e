package org.aips.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server run from the binaries on the class path, with its data directory under
 * the AIPS data folder so that tasks survive a restart. Blocking: call from a worker thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** On a given port (0: any free one). */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Path pgData = dataDir.resolve("pg");
    Files.createDirectories(pgData);
    stopLeftoverServer(pgData);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        // The library is made for tests: it passes -F (fsync off) and sets synchronous_commit=off.
        // An accepted task must survive a crash, so both are turned back on (a later -c wins over -F).
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "100")
        .setServerConfig("shared_buffers", "256MB")
        .start();
    LOG.info("embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), pgData);
    return new EmbeddedDatabase(postgres);
  }

  public DatabaseUrl url() {
    return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * After a kill -9 of the JVM its PostgreSQL child keeps running and holds the data directory;
   * stop it so this start can take over.
   */
  private static void stopLeftoverServer(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> leftover = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    leftover.filter(ProcessHandle::isAlive).ifPresent(process -> {
      LOG.warn("stopping PostgreSQL (pid {}) left running by a previous AIPS process", process.pid());
      process.destroy();
      try {
        process.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    });
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
