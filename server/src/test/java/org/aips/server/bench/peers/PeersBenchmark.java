package org.aips.server.bench.peers;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.aips.server.bench.Percentiles;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AIPS against three PostgreSQL job queues, graphile-worker and pg-boss (Node.js) and JobRunr (Java), on one
 * embedded PostgreSQL with durable settings, one database each, in alternating rounds (docs/benchmarks.md).
 * {@code ./aips bench peers}; {@code -Daips.peers.scale=0.1} scales the job counts, {@code -Daips.peers.rounds} the rounds.
 */
@Tag("benchmark")
class PeersBenchmark {

  static final int IN_FLIGHT = 8;
  static final int BULK_CHUNK = 1000;

  private static final double SCALE = Double.parseDouble(System.getProperty("aips.peers.scale", "1"));
  private static final int ROUNDS = Integer.getInteger("aips.peers.rounds", 3);
  private static final int ONE_BY_ONE = scaled(10_000);
  private static final int BULK = scaled(50_000);
  /** Latency samples in all; each round takes its share, so a slow poller does not make the run long. */
  private static final int LATENCY_SAMPLES = Math.max(ROUNDS, (int) Math.round(50 * Math.min(1, SCALE * 4)));
  private static final Path PEERS_DIR = Path.of(System.getProperty("aips.peers.dir", "../bench/peers")).toAbsolutePath().normalize();
  private static final Path DOCS = Path.of("../docs/benchmarks.md").toAbsolutePath().normalize();
  /** Names of the systems to run (comma-separated, e.g. "AIPS" to re-measure AIPS alone); all when empty. */
  private static final List<String> ONLY = Arrays.stream(System.getProperty("aips.peers.only", "").split(","))
      .map(String::strip).filter(name -> !name.isEmpty()).toList();
  /** The measured table replaces the one in docs/benchmarks.md only on a full-scale run of every system, unless told otherwise. */
  private static final boolean WRITE_DOCS = Boolean.parseBoolean(System.getProperty("aips.peers.writeDocs",
      String.valueOf(SCALE >= 1 && ONLY.isEmpty())));

  private static int scaled(int count) {
    return Math.max(BULK_CHUNK / 10, (int) Math.round(count * SCALE));
  }

  @Test
  void aipsAgainstItsPeers() throws Exception {
    long start = System.nanoTime();
    try (EmbeddedDatabase database = EmbeddedDatabase.start(TestNode.newDataDir("peers-db"))) {
      DatabaseUrl server = database.url();
      ServerFacts facts = ServerFacts.read(server, List.of("aips", "graphile", "pgboss", "jobrunr"));
      List<QueueSystem> systems = new ArrayList<>();
      if (chosen("AIPS")) {
        systems.add(new AipsSystem(facts.database("aips")));
      }
      if (chosen("graphile-worker")) {
        systems.add(new NodePeer("graphile-worker", PEERS_DIR, "graphile.mjs", facts.database("graphile")));
      }
      if (chosen("pg-boss")) {
        systems.add(new NodePeer("pg-boss", PEERS_DIR, "pgboss.mjs", facts.database("pgboss")));
      }
      if (chosen("JobRunr")) {
        systems.add(new JobRunrPeer(facts.database("jobrunr")));
      }
      try {
        Table table = new Table(systems.stream().map(QueueSystem::name).toList());
        System.out.printf("%n== AIPS and its peers: %d rounds; %,d one by one, %,d bulk, %d latency samples (scale %s) ==%n",
            ROUNDS, ONE_BY_ONE, BULK, LATENCY_SAMPLES, SCALE);
        for (QueueSystem system : systems) {
          warmUp(system); // JIT and caches of every system, AIPS's in this JVM too, before anything is counted
        }
        for (int round = 1; round <= ROUNDS; round++) {
          int samples = LATENCY_SAMPLES / ROUNDS + (round <= LATENCY_SAMPLES % ROUNDS ? 1 : 0);
          for (QueueSystem system : systems) {
            runRound(round, system, samples, table);
          }
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String report = report(table, systems, facts, minutes);
        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target/peers.md"), report, StandardCharsets.UTF_8);
        if (WRITE_DOCS) {
          replaceInDocs(report);
        }
      } finally {
        for (QueueSystem system : systems) {
          system.close();
        }
      }
    }
  }

  private static boolean chosen(String system) {
    return ONLY.isEmpty() || ONLY.stream().anyMatch(system::equalsIgnoreCase);
  }

  /** The protocol at a tenth of the counts, one latency sample, nothing recorded. */
  private static void warmUp(QueueSystem system) throws Exception {
    int oneByOne = Math.max(100, ONE_BY_ONE / 10);
    int bulk = Math.max(BULK_CHUNK, BULK / 10);
    system.clear();
    system.enqueueOneByOne(oneByOne);
    system.clear();
    system.enqueueBulk(bulk);
    system.drain(bulk);
    system.clear();
    system.flow(oneByOne);
    system.clear();
    system.idleLatency(1);
    System.out.printf("warm-up    %s done%n", system.name());
  }

  /** The protocol on one system: each step on an empty queue, except drain, which works off the bulk backlog. */
  private static void runRound(int round, QueueSystem system, int latencySamples, Table table) throws Exception {
    String name = system.name();
    system.clear();
    double oneByOne = ONE_BY_ONE / system.enqueueOneByOne(ONE_BY_ONE);
    system.clear();
    double bulk = BULK / system.enqueueBulk(BULK);
    double drain = BULK / system.drain(BULK);
    system.clear();
    double flow = ONE_BY_ONE / system.flow(ONE_BY_ONE);
    system.clear();
    List<Double> latency = system.idleLatency(latencySamples);
    table.add(Figure.ONE_BY_ONE, name, oneByOne);
    table.add(Figure.BULK, name, bulk);
    table.add(Figure.DRAIN, name, drain);
    table.add(Figure.FLOW, name, flow);
    table.addAll(Figure.IDLE_MEDIAN, name, latency);
    table.addAll(Figure.IDLE_P90, name, latency);
    System.out.printf("round %d %-16s one-by-one %,8.0f/s  bulk %,8.0f/s  drain %,8.0f/s  flow %,8.0f/s  idle median %s ms (%d samples)%n",
        round, name, oneByOne, bulk, drain, flow, Table.number(Percentiles.median(latency)), latency.size());
  }

  private static String report(Table table, List<QueueSystem> systems, ServerFacts facts, double minutes) throws Exception {
    StringBuilder out = new StringBuilder();
    out.append("Measured ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(" by `./aips bench peers` (PeersBenchmark) in ").append(String.format("%.1f", minutes)).append(" minutes: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ").append(System.getProperty("java.version"))
        .append(", Node.js ").append(nodeVersion()).append(", ").append(facts.describe()).append(". ")
        .append(ROUNDS).append(" alternating rounds; ").append(String.format("%,d", ONE_BY_ONE)).append(" jobs one by one, ")
        .append(String.format("%,d", BULK)).append(" in bulk, ").append(LATENCY_SAMPLES).append(" latency samples in all")
        .append(SCALE == 1 ? "" : " (scale " + SCALE + ")").append(".\n\n");
    out.append("Every system first ran the protocol once at a tenth of the counts, not counted (warm-up).\n\n");
    out.append(table.markdown()).append('\n');
    out.append("| System | Version | Worker settings |\n|---|---|---|\n");
    for (QueueSystem system : systems) {
      out.append("| ").append(system.name()).append(" | ").append(system.version()).append(" | ").append(system.settings()).append(" |\n");
    }
    return out.toString();
  }

  private static String nodeVersion() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(NodePeer.node(PEERS_DIR).toString(), "--version").start();
    String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    process.waitFor();
    return version;
  }

  private static void replaceInDocs(String report) throws IOException {
    String begin = "<!-- peers:begin -->";
    String end = "<!-- peers:end -->";
    String docs = Files.readString(DOCS);
    int from = docs.indexOf(begin);
    int to = docs.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(DOCS + " lacks the markers " + begin + " and " + end);
    }
    Files.writeString(DOCS, docs.substring(0, from + begin.length()) + "\n" + report + docs.substring(to));
    System.out.println("written into " + DOCS);
  }

  /** The PostgreSQL server all systems share: its version and durability settings, and one database per system. */
  private record ServerFacts(DatabaseUrl server, String version, List<String> settings) {

    static ServerFacts read(DatabaseUrl server, List<String> databases) {
      Vertx vertx = Vertx.vertx();
      try {
        Pool pool = PgBuilder.pool().connectingTo(server.connectOptions()).using(vertx).build();
        for (String database : databases) {
          pool.query("DROP DATABASE IF EXISTS " + database).execute().await();
          pool.query("CREATE DATABASE " + database).execute().await();
        }
        String version = pool.query("SHOW server_version").execute().await().iterator().next().getString(0);
        List<String> settings = new ArrayList<>();
        for (Row row : pool.query("SELECT name, setting, unit FROM pg_settings WHERE name IN "
            + "('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections') ORDER BY name").execute().await()) {
          String unit = row.getString(2);
          settings.add(row.getString(0) + " " + row.getString(1) + (unit == null ? "" : " × " + unit));
        }
        pool.close().await();
        return new ServerFacts(server, version, settings);
      } finally {
        vertx.close().await();
      }
    }

    DatabaseUrl database(String name) {
      return new DatabaseUrl(server.host(), server.port(), name, server.user(), server.password());
    }

    String describe() {
      return "one embedded PostgreSQL " + version + " (" + String.join(", ", settings) + "), a database per system";
    }
  }
}
