package org.aips.server.console;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * A server-sent-events response (text/event-stream): named events with a JSON line each. Not
 * compressed (a compressor holds bytes back) and not cached; proxies are asked not to buffer it.
 */
final class EventStream {

  private final HttpServerResponse response;
  private boolean ended;

  private EventStream(HttpServerResponse response) {
    this.response = response;
  }

  /** Starts the response; {@code onClose} runs once if the client goes away first. */
  static EventStream open(HttpServerResponse response, Runnable onClose) {
    response.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("content-encoding", "identity")
        .putHeader("x-accel-buffering", "no");
    EventStream stream = new EventStream(response);
    response.closeHandler(v -> {
      if (!stream.ended) {
        stream.ended = true;
        onClose.run();
      }
    });
    return stream;
  }

  void send(String event, JsonObject data) {
    if (!ended) {
      response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }
  }

  /** A comment line: keeps idle connections open through proxies; clients ignore it. */
  void comment(String text) {
    if (!ended) {
      response.write(": " + text + "\n\n");
    }
  }

  /** True when the client reads slower than events come: superseded events (progress) may be dropped. */
  boolean congested() {
    return response.writeQueueFull();
  }

  boolean ended() {
    return ended;
  }

  void end() {
    if (!ended) {
      ended = true;
      response.end();
    }
  }
}
