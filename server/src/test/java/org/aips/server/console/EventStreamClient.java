package org.aips.server.console;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A server-sent-events client for the tests: reads a watch stream on its own thread and queues its events. */
final class EventStreamClient implements AutoCloseable {

  record Event(String name, JsonObject data) {
  }

  /** Queued when the server ends the stream. */
  static final Event END = new Event("<end>", new JsonObject());

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<Event> seen = new ArrayList<>();

  private EventStreamClient(HttpResponse<InputStream> response) {
    this.response = response;
    if (response.statusCode() == 200) { // otherwise the body is an error envelope, read by errorBody()
      Thread reader = new Thread(this::read, "sse-test-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** Opens {@code path}; the answer's status and headers are there at once, events come as they are read. */
  static EventStreamClient open(int port, String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("accept", "text/event-stream").timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("x-token", token);
    }
    return new EventStreamClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The body of an answer that is not a stream (an error envelope). */
  JsonObject errorBody() throws IOException {
    return new JsonObject(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The next event (or {@link #END}), failing after {@code timeout}. */
  Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + timeout + "; seen so far: " + seen);
    }
    seen.add(event);
    return event;
  }

  /** Reads events until one matches, failing if the stream ends first or after {@code timeout}. */
  Event await(Predicate<Event> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (condition.test(event)) {
        return event;
      }
      if (event == END) {
        throw new AssertionError("the stream ended first; seen: " + seen);
      }
    }
  }

  List<Event> seen() {
    return seen;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (name != null && data.length() > 0) {
            events.add(new Event(name, new JsonObject(data.toString())));
          }
          name = null;
          data.setLength(0);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed by the test
    }
    events.add(END);
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
