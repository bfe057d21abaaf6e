package org.aips.server.support;

import org.aips.server.AipsServer;
import org.aips.server.config.ConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a node with the test task types in its own JVM, so a test can kill -9 it. Prints {@code PORT=<n>} when up; its output goes to {@code <config file>.log}. */
public final class TestNodeMain {

  private TestNodeMain() {
  }

  public static void main(String[] args) {
    AipsServer server = AipsServer.start(ConfigLoader.load(Path.of(args[0]), Map.of()), TestTypes.all()).await();
    server.stopCleanlyOnSignals(); // SIGTERM: a clean stop, as Main does
    System.out.println("NODE=" + server.nodeId());
    System.out.println("PORT=" + server.httpPort());
    System.out.flush();
  }

  /** Starts a child JVM on {@code configFile} and waits until it serves HTTP. */
  public static ChildNode launch(Path configFile) throws Exception {
    return launch(configFile, "-Xmx512m");
  }

  /** The same, with a heap limit of the test's choosing ({@code -Xmx...}). */
  public static ChildNode launch(Path configFile, String heap) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
        TestNodeMain.class.getName(), configFile.toString()))
        .redirectErrorStream(true).start();
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
    String line;
    String node = null;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith("NODE=")) {
        node = line.substring(5).trim();
      } else if (line.startsWith("PORT=")) {
        int port = Integer.parseInt(line.substring(5).trim());
        Path log = Path.of(configFile + ".log"); // the child's output, for a post-mortem
        Thread drain = new Thread(() -> {
          try (var out = Files.newBufferedWriter(log)) {
            for (String next = reader.readLine(); next != null; next = reader.readLine()) {
              out.write(next);
              out.newLine();
              out.flush();
            }
          } catch (java.io.IOException stopped) {
            // the child was stopped: its output closed under the reader
          }
        });
        drain.setDaemon(true);
        drain.start();
        return new ChildNode(process, port, node);
      }
    }
    throw new IllegalStateException("child node exited with " + process.waitFor() + " before serving HTTP");
  }

  public record ChildNode(Process process, int port, String nodeId) {
  }
}
