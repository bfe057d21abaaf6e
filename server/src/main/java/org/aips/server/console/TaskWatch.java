package org.aips.server.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.function.Consumer;

/**
 * One open watch stream of one task. It forwards the task's events as they come ({@code task}), and
 * sends the task as query-task shows it ({@code state}) after each transition, when the queue ahead
 * of a waiting task moves, and every heartbeat (which also keeps proxies from closing an idle stream
 * and makes up for an event lost on the way). Those reads are throttled to one per
 * {@code refreshMillis}, never overlap, and the last request is always served. The stream ends after
 * the state that shows the task finished.
 */
final class TaskWatch {

  private static final Set<String> FINISHED = Set.of("done", "failed", "cancelled");

  private final Vertx vertx;
  private final TaskViews views;
  private final EventStream stream;
  private final String queryCode;
  private final String uid;
  private final String taskType;
  private final long refreshMillis;
  private final Consumer<TaskWatch> onEnd;
  private String status;
  private boolean loading;
  private boolean loadAgain;
  private long timer = -1;
  private long heartbeat = -1;
  private long lastLoadAt;

  /** Opens the event stream on {@code response}; {@code onEnd} runs when the watch ends, for whatever reason. */
  TaskWatch(Vertx vertx, TaskViews views, HttpServerResponse response, String queryCode, String uid, JsonObject first,
            long refreshMillis,
            Consumer<TaskWatch> onEnd) {
    this.vertx = vertx;
    this.views = views;
    this.stream = EventStream.open(response, this::stop);
    this.uid = uid;
    this.queryCode = queryCode;
    this.taskType = first.getString("taskType", ""); // absent once overdue
    this.refreshMillis = refreshMillis;
    this.onEnd = onEnd;
    this.lastLoadAt = System.currentTimeMillis();
  }

  String queryCode() {
    return queryCode;
  }

  String taskType() {
    return taskType;
  }

  /** Sends the first state; from then on the watch follows events, with a state every {@code heartbeatMillis}. */
  void start(JsonObject first, long heartbeatMillis) {
    show(first);
    if (!stream.ended()) {
      heartbeat = vertx.setPeriodic(heartbeatMillis, id -> refresh());
      refresh(); // an event may have come between the first read and the registration of this watch
    }
  }

  void onTaskEvent(JsonObject event) {
    if ("progress".equals(event.getString("event"))) {
      if (!stream.congested()) { // the next progress event supersedes this one
        stream.send("task", event);
      }
      return;
    }
    stream.send("task", event);
    refresh();
  }

  /** A task of the same type entered or left the queue. */
  void onQueueMoved() {
    if ("waiting".equals(status)) {
      refresh();
    }
  }

  private void refresh() {
    if (stream.ended() || timer != -1) {
      return;
    }
    if (loading) {
      loadAgain = true;
      return;
    }
    long wait = lastLoadAt + refreshMillis - System.currentTimeMillis();
    if (wait <= 0) {
      load();
    } else {
      timer = vertx.setTimer(wait, id -> {
        timer = -1;
        load();
      });
    }
  }

  private void load() {
    if (stream.ended()) {
      return;
    }
    loading = true;
    lastLoadAt = System.currentTimeMillis();
    views.find(queryCode, uid).onComplete(result -> {
      loading = false;
      if (result.succeeded()) {
        show(result.result());
      } else {
        // purged or gone: say so and end, rather than keep a stream of a task that no longer answers
        stream.send("error", new JsonObject().put("message", String.valueOf(result.cause().getMessage())));
        end();
      }
      if (loadAgain) {
        loadAgain = false;
        refresh();
      }
    });
  }

  private void show(JsonObject view) {
    status = view.getString("status");
    stream.send("state", view);
    if (view.getBoolean("overdue", false) || FINISHED.contains(status)) {
      end();
    }
  }

  private void end() {
    stream.end();
    stop();
  }

  private void stop() {
    if (heartbeat != -1) {
      vertx.cancelTimer(heartbeat);
      heartbeat = -1;
    }
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    onEnd.accept(this);
  }
}
