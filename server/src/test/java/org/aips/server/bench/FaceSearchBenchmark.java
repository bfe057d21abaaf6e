package org.aips.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Group search of the face ingestion service (docs/face-ingest.md, "Search"): p50/p95 latency of
 * {@code POST /v1/groups/{name}/search} with a descriptor (JSON, so the figure is the search's, not
 * the faces service's) and recall@10 against an exact scan, at {@code exactSearchMax} (the exact
 * engine) and at 100k and 1M faces (the HNSW index; its build time too). Faces are synthetic
 * descriptors shaped like a library's (identities of four photos in a 48-dimensional latent space,
 * embedded in 1024 dimensions), written with COPY; the exact top 10 of every query is computed while
 * they are generated. Queries are new photos of enrolled identities.
 * {@code -Daips.bench.faceSearchSizes=20000,100000,1000000} picks the sizes (by default 20k and 100k: about two minutes;
 * the million adds about twenty, most of it the index build),
 * {@code -Daips.bench.hnswDimensions=128} the projection; {@code -Daips.bench.faceSearchDataDir=<folder>} keeps the node's data
 * (database and search indexes) there, so that a second run at the same sizes reopens them instead of writing and indexing the
 * faces again (the exact answers are computed anew).
 */
@Tag("benchmark")
class FaceSearchBenchmark {

  private static final int QUERIES = 100;
  private static final int ROUNDS = 5;
  /** Rounds of the 100 queries before the timed ones: the JIT compiles the graph search's code over the first few hundred. */
  private static final int WARM_ROUNDS = 10;
  private static final int DIM = 1024;
  private static final int LATENT = 48;
  private static final int PHOTOS_PER_IDENTITY = 4;
  private static final int BLOCK = 64;
  private static AipsServer node;
  private static Vertx client;
  private static WebClient http;
  private static final String TOKEN = Tokens.valid("bench");

  @BeforeAll
  static void start() {
    JsonObject plugin = new JsonObject().put("hnswDimensions", Integer.getInteger("aips.bench.hnswDimensions", 128))
        // a segment per build thread up to a million faces (~0.8 KiB of buffer per face): each segment is a graph to search
        .put("hnswRamBufferMb", Integer.getInteger("aips.bench.hnswRamBufferMb", 1536));
    String keep = System.getProperty("aips.bench.faceSearchDataDir", "");
    Path dataDir = keep.isBlank() ? TestNode.newDataDir("face-search-bench") : Path.of(keep).toAbsolutePath();
    node = TestNode.start(TestNode.config(dataDir, new JsonObject()
        .put("plugins", new JsonObject().put("config", new JsonObject().put("faceingest", plugin)))));
    client = Vertx.vertx();
    http = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    System.out.printf("%n== AIPS face search benchmark: %d cores, JDK %s, plugin config %s ==%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), plugin.encode());
  }

  @AfterAll
  static void stop() {
    http.close();
    client.close().await();
    node.close().await();
  }

  @Test
  void searchLatencyAndRecall() throws Exception {
    for (String size : System.getProperty("aips.bench.faceSearchSizes", "20000,100000").split(",")) {
      measure(Integer.parseInt(size.strip()));
    }
  }

  private void measure(int faces) throws Exception {
    String group = "bench-" + faces;
    Library library = new Library(7);
    float[][] queries = new float[QUERIES][];
    Random pick = new Random(faces);
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = library.query(pick.nextInt(faces));
    }
    long t0 = System.nanoTime();
    List<Set<Integer>> truth = load(group, faces, library, queries);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;

    Buffer[] bodies = Arrays.stream(queries).map(FaceSearchBenchmark::body).toArray(Buffer[]::new);
    long t1 = System.nanoTime();
    String engine;
    while (true) {
      HttpResponse<Buffer> answer = search(group, bodies[0]);
      if (answer.statusCode() == 200) {
        engine = answer.bodyAsJsonObject().getString("engine");
        break;
      }
      if (answer.statusCode() != 503) {
        throw new IllegalStateException(answer.statusCode() + " " + answer.bodyAsString());
      }
      Thread.sleep(2_000);
    }
    double readySeconds = (System.nanoTime() - t1) / 1e9;

    List<Long> latencies = new ArrayList<>();
    List<Long> serverMillis = new ArrayList<>(); // took_ms: from the route to the answer (whole milliseconds)
    int hits = 0;
    for (int round = 1 - WARM_ROUNDS; round < ROUNDS + 1; round++) { // rounds up to 0 warm up
      for (int q = 0; q < QUERIES; q++) {
        long s = System.nanoTime();
        HttpResponse<Buffer> answer = search(group, bodies[q]);
        long nanos = System.nanoTime() - s;
        if (answer.statusCode() != 200) {
          throw new IllegalStateException(answer.statusCode() + " " + answer.bodyAsString());
        }
        if (round > 0) {
          latencies.add(nanos);
          serverMillis.add(answer.bodyAsJsonObject().getLong("took_ms"));
          if (round == 1) {
            JsonArray matches = answer.bodyAsJsonObject().getJsonArray("faces").getJsonObject(0).getJsonArray("matches");
            for (Object m : matches) {
              if (truth.get(q).contains(Integer.parseInt(((JsonObject) m).getString("tag")))) {
                hits++;
              }
            }
          }
        }
      }
    }
    latencies.sort(null);
    serverMillis.sort(null);
    System.out.printf("faces %,d: engine %s, written with COPY (unless kept) and exact top 10 of %d queries in %.0f s, searchable after %.0f s; "
            + "search p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d searches, one at a time, HTTP on loopback, after %d to warm up; "
            + "in the route, took_ms: p50 %d, p95 %d); recall@10 %.3f%n",
        faces, engine, QUERIES, loadSeconds, readySeconds, at(latencies, 0.5), at(latencies, 0.95), at(latencies, 0.99), latencies.size(),
        WARM_ROUNDS * QUERIES, serverMillis.get(serverMillis.size() / 2), serverMillis.get(serverMillis.size() * 95 / 100),
        hits / (double) (QUERIES * 10));
  }

  private static double at(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
  }

  private HttpResponse<Buffer> search(String group, Buffer body) {
    return http.post("/v1/groups/" + group + "/search?k=10").putHeader("x-token", TOKEN).putHeader("content-type", "application/json")
        .sendBuffer(body).await();
  }

  /** A query's request body, encoded once before the timing: the figure is the server's, not the client's JSON encoder's. */
  private static Buffer body(float[] query) {
    JsonArray values = new JsonArray();
    for (float v : query) {
      values.add(v);
    }
    return new JsonObject().put("descriptors", new JsonArray().add(values)).toBuffer();
  }

  /**
   * Writes the faces with COPY (binary) and answers the exact top 10 (face numbers, in the tag) of each query. A group that
   * already holds them (a data folder kept with {@code aips.bench.faceSearchDataDir}) is not written again.
   */
  private static List<Set<Integer>> load(String group, int faces, Library library, float[][] queries) throws Exception {
    DatabaseUrl db = node.databaseUrl();
    int[][] bestIds = new int[queries.length][10];
    float[][] bestScores = new float[queries.length][10];
    for (float[] row : bestScores) {
      Arrays.fill(row, Float.NEGATIVE_INFINITY);
    }
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      CopyRows copy = stored(connection, group) == faces ? null : new CopyRows(connection, group);
      float[] block = new float[BLOCK * DIM];
      float[] acc = new float[BLOCK];
      int inBlock = 0;
      for (int i = 0; i < faces; i++) {
        float[] v = library.face(i);
        for (int d = 0; d < DIM; d++) {
          block[d * BLOCK + inBlock] = v[d];
        }
        inBlock++;
        if (copy != null) {
          copy.add(i, v);
        }
        if (inBlock == BLOCK || i == faces - 1) {
          int first = i - inBlock + 1;
          for (int q = 0; q < queries.length; q++) {
            Arrays.fill(acc, 0f);
            float[] query = queries[q];
            for (int d = 0; d < DIM; d++) {
              float qd = query[d];
              int base = d * BLOCK;
              for (int j = 0; j < BLOCK; j++) {
                acc[j] += qd * block[base + j];
              }
            }
            for (int j = 0; j < inBlock; j++) {
              offer(bestScores[q], bestIds[q], acc[j], first + j);
            }
          }
          inBlock = 0;
        }
      }
      if (copy != null) {
        copy.finish();
      }
    }
    List<Set<Integer>> truth = new ArrayList<>();
    for (int[] ids : bestIds) {
      Set<Integer> set = new HashSet<>();
      for (int id : ids) {
        set.add(id);
      }
      truth.add(set);
    }
    return truth;
  }

  private static long stored(Connection connection, String group) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM plugin_faceingest.face WHERE group_name = ?")) {
      count.setString(1, group);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void offer(float[] scores, int[] ids, float score, int id) {
    int worst = 0;
    for (int j = 1; j < scores.length; j++) {
      if (scores[j] < scores[worst]) {
        worst = j;
      }
    }
    if (score > scores[worst]) {
      scores[worst] = score;
      ids[worst] = id;
    }
  }

  /** Faces written to the group with one binary COPY, committed by {@link #finish}. */
  private static final class CopyRows {
    private static final int FLUSH_AT = (1 << 22) - 8192;
    private final Connection connection;
    private final CopyIn copy;
    private final byte[] group;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 22);
    private final DataOutputStream out = new DataOutputStream(buffer);

    CopyRows(Connection connection, String group) throws SQLException, IOException {
      this.connection = connection;
      this.group = group.getBytes(StandardCharsets.UTF_8);
      connection.setAutoCommit(false);
      copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY plugin_faceingest.face (group_name, tag, description, "
          + "uri, image_sha256, box_x, box_y, box_width, box_height, yaw, pitch, roll, blur_degree, score, descriptor) "
          + "FROM STDIN WITH (FORMAT binary)");
      out.writeBytes("PGCOPY\n");
      out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
      out.writeInt(0);
      out.writeInt(0);
    }

    /** Face number {@code i} (its tag) with descriptor {@code v}. */
    void add(int i, float[] v) throws SQLException, IOException {
      out.writeShort(15);
      text(group);
      text(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
      text(new byte[0]);
      text(new byte[0]);
      text(("synthetic-" + i).getBytes(StandardCharsets.US_ASCII));
      for (float f : new float[] {0, 0, 100, 100, 0, 0, 0, 10, 0.9f}) {
        out.writeInt(4);
        out.writeFloat(f);
      }
      out.writeInt(DIM * 4);
      for (float x : v) {
        out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(x))); // the table holds little-endian float32
      }
      if (buffer.size() > FLUSH_AT) {
        flush();
      }
    }

    void finish() throws SQLException, IOException {
      out.writeShort(-1);
      flush();
      copy.endCopy();
      connection.commit();
    }

    private void flush() throws SQLException {
      copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
      buffer.reset();
    }

    private void text(byte[] bytes) throws IOException {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  /**
   * Synthetic descriptors: identities of {@link #PHOTOS_PER_IDENTITY} photos in a {@link #LATENT}-dimensional latent space,
   * embedded in 1024 dimensions by a fixed random map, plus a little isotropic noise, unit length. Photos of one identity
   * score about 0.7, different identities 0 ± 0.15 (like real descriptors: neighbours are an order, not noise).
   */
  static final class Library {
    private final float[] embedding = new float[LATENT * DIM];
    private final float[] gaussians = new float[1 << 20];

    Library(long seed) {
      Random random = new Random(seed);
      for (int i = 0; i < embedding.length; i++) {
        embedding[i] = (float) (random.nextGaussian() / Math.sqrt(LATENT));
      }
      for (int i = 0; i < gaussians.length; i++) {
        gaussians[i] = (float) random.nextGaussian();
      }
    }

    float[] face(long i) {
      return photo(i / PHOTOS_PER_IDENTITY, i * 31 + 7);
    }

    float[] query(long i) {
      return photo(i / PHOTOS_PER_IDENTITY, -i - 1);
    }

    private float[] photo(long identity, long noiseSeed) {
      Random center = new Random(identity * 0x9E3779B97F4A7C15L);
      Random noise = new Random(noiseSeed ^ 0x5DEECE66DL);
      float[] v = new float[DIM];
      for (int l = 0; l < LATENT; l++) {
        float zl = (float) (center.nextGaussian() + 0.6 * noise.nextGaussian());
        int row = l * DIM;
        for (int d = 0; d < DIM; d++) {
          v[d] += zl * embedding[row + d];
        }
      }
      int offset = noise.nextInt(gaussians.length - DIM);
      double norm = 0;
      for (int d = 0; d < DIM; d++) {
        v[d] += 0.012f * gaussians[offset + d];
        norm += v[d] * v[d];
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < DIM; d++) {
        v[d] *= scale;
      }
      return v;
    }
  }
}
