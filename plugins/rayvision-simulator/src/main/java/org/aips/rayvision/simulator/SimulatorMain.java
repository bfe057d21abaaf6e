package org.aips.rayvision.simulator;

import io.vertx.core.Vertx;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the simulator on its own for demos:
 * {@code java -jar aips-rayvision-simulator-*-standalone.jar --port 8089 --access-id demo --access-key demo-key}.
 * Other options: {@code --frame-millis}, {@code --waiting-millis}, {@code --parallel-frames}, {@code --failing-frames 3,7}.
 */
public final class SimulatorMain {

  private SimulatorMain() {
  }

  public static void main(String[] args) {
    Map<String, String> opts = new HashMap<>(Map.of("port", "8089", "access-id", "demo", "access-key", "demo-key",
        "frame-millis", "2000", "waiting-millis", "3000", "parallel-frames", "2", "failing-frames", ""));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--") || !opts.containsKey(args[i].substring(2))) {
        System.err.println("unknown option " + args[i] + "; known: " + opts.keySet());
        System.exit(2);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    Set<Integer> failing = Arrays.stream(opts.get("failing-frames").split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Integer::valueOf).collect(Collectors.toSet());
    SimulatorOptions options = SimulatorOptions.defaults(opts.get("access-id"), opts.get("access-key"))
        .withPort(Integer.parseInt(opts.get("port")))
        .withTiming(Long.parseLong(opts.get("waiting-millis")), Long.parseLong(opts.get("frame-millis")),
            Integer.parseInt(opts.get("parallel-frames")))
        .withFailingFrames(failing);
    RenderbusSimulator.start(Vertx.vertx(), options)
        .onSuccess(s -> System.out.println("Renderbus API simulator (not Renderbus) listening on 127.0.0.1:" + s.port()
            + " for access id " + opts.get("access-id")))
        .onFailure(e -> {
          System.err.println("cannot start: " + e.getMessage());
          System.exit(1);
        });
  }
}
