package org.aips.server.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs bench/node/human-bench.mjs ({@code @vladmandic/human}, WASM backend) in one or more Node processes at once. */
final class HumanOnNode {

  private HumanOnNode() {
  }

  static List<JsonObject> run(Path benchDir, String service, int passes, List<Path> images, int processes)
      throws IOException, InterruptedException {
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      List<String> command = new ArrayList<>(List.of("node", benchDir.resolve("human-bench.mjs").toString(), service, Integer.toString(passes)));
      images.forEach(image -> command.add(image.toString()));
      running.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    List<JsonObject> results = new ArrayList<>();
    for (Process process : running) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.waitFor() != 0 || output.isEmpty()) {
        throw new IllegalStateException("human-bench.mjs failed (did the bench profile run npm ci in bench/node?): " + output);
      }
      String[] lines = output.split("\n");
      results.add(new JsonObject(lines[lines.length - 1]));
    }
    return results;
  }
}
