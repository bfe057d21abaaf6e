package org.aips.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from a separate process: wrk (Debian package {@code wrk}), the tool the reference
 * figures of the issue were measured with. A run is preceded by nothing; callers warm up explicitly.
 */
final class Wrk {

  record Result(double perSecond, double p50Millis, double p99Millis, long non2xx) {
    @Override
    public String toString() {
      return String.format("%,9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  non-2xx %d", perSecond, p50Millis, p99Millis, non2xx);
    }
  }

  private Wrk() {
  }

  /** GET or, with a body, POST of JSON to {@code url} with {@code connections} connections for {@code seconds}. */
  static Result run(String url, int connections, int seconds, String token, String jsonBody) {
    try {
      List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
      if (token != null) {
        command.addAll(List.of("-H", "x-token: " + token));
      }
      if (jsonBody != null) {
        Path script = Files.createTempFile("wrk-post", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [["
            + jsonBody + "]]\n");
        command.addAll(List.of("-s", script.toString()));
      }
      command.add(url);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("wrk failed: " + output);
      }
      return new Result(number(output, "Requests/sec:\\s+([\\d.]+)"), millis(output, "50%"), millis(output, "99%"),
          (long) numberOr(output, "Non-2xx or 3xx responses:\\s+(\\d+)", 0));
    } catch (IOException e) {
      throw new IllegalStateException("wrk is needed for the HTTP benchmarks: apt-get install wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double millis(String output, String percentile) {
    Matcher m = Pattern.compile(Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
    if (!m.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  private static double number(String output, String regex) {
    Matcher m = Pattern.compile(regex).matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("unexpected wrk output: " + output);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double numberOr(String output, String regex, double fallback) {
    Matcher m = Pattern.compile(regex).matcher(output);
    return m.find() ? Double.parseDouble(m.group(1)) : fallback;
  }
}
