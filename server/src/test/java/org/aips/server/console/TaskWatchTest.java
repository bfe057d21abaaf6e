package org.aips.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChange;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.spi.TaskState;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.aips.server.support.ApiClient.data;
import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/task/{queryCode}/watch and GET /api/queue on a node of their own (the queue is
 * service-wide). The heartbeat is 30 s, so whatever arrives sooner was driven by task events.
 */
class TaskWatchTest {

  private static final String TOKEN = Tokens.valid("watcher");
  private static final Duration SOON = Duration.ofSeconds(10);
  /** The Sleep test type runs 8 at a time per node. */
  private static final int SLEEP_SLOTS = 8;
  private static AipsServer node;
  private static ApiClient api;
  private final List<String> submitted = new ArrayList<>();

  @BeforeAll
  static void start() {
    node = TestNode.start(TestNode.config(TestNode.newDataDir("watch"), new JsonObject().put("console", new JsonObject()
        .put("watch", new JsonObject().put("maxStreams", 4).put("refreshMillis", 200).put("heartbeatSeconds", 30)))));
    api = new ApiClient(node.vertx(), node.httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
  }

  @AfterEach
  void cancelWhatIsLeft() {
    submitted.forEach(code -> api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject()));
    awaitQueue(q -> q.getJsonArray("types").stream().map(JsonObject.class::cast)
        .allMatch(t -> t.getLong("waiting") == 0 && t.getLong("running") == 0));
  }

  private String sleep(long millis) {
    String code = api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", millis)))
        .getString("queryCode");
    submitted.add(code);
    return code;
  }

  private EventStreamClient watch(String code) throws Exception {
    return EventStreamClient.open(node.httpPort(), "/api/task/" + code + "/watch", TOKEN);
  }

  @Test
  void aWatchFollowsATaskLiveAndEndsWithItsFinalState() throws Exception {
    String code = sleep(1500);
    try (EventStreamClient stream = watch(code)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("content-type")).startsWith("text/event-stream");
      assertThat(stream.header("cache-control")).isEqualTo("no-store");
      EventStreamClient.Event first = stream.next(SOON);
      assertThat(first.name()).isEqualTo("state");
      assertThat(first.data().getString("queryCode")).isEqualTo(code);

      EventStreamClient.Event progress = stream.await(e -> e.name().equals("task") && "progress".equals(e.data().getString("event")), SOON);
      assertThat(progress.data().getDouble("proccessing")).isBetween(0.0, 1.0);
      stream.await(e -> e.name().equals("task") && "completed".equals(e.data().getString("event")), SOON);
      EventStreamClient.Event last = stream.await(e -> e.name().equals("state") && "done".equals(e.data().getString("status")), SOON);
      assertThat(last.data().getDouble("proccessing")).isEqualTo(1.0);
      assertThat(last.data().getString("result")).isEqualTo("/api/task-result/" + code);
      assertThat(stream.next(SOON)).as("the stream ends after the final state").isEqualTo(EventStreamClient.END);
    }
  }

  @Test
  void aWaitingTasksPlaceIsSentAgainWhenATaskAheadLeavesTheQueue() throws Exception {
    for (int i = 0; i < SLEEP_SLOTS; i++) {
      sleep(60_000);
    }
    String ahead = sleep(60_000);
    String watched = sleep(60_000);
    try (EventStreamClient stream = watch(watched)) {
      EventStreamClient.Event first = stream.await(e -> e.name().equals("state") && e.data().getInteger("queueing") == 1, SOON);
      assertThat(first.data().getString("status")).isEqualTo("waiting");
      api.post("/api/task/" + ahead + "/cancel", TOKEN, new JsonObject());
      EventStreamClient.Event moved = stream.await(e -> e.name().equals("state") && e.data().getInteger("queueing") == 0, SOON);
      assertThat(moved.data().getString("status")).isEqualTo("waiting");
    }
  }

  @Test
  void theStreamForwardsTheTasksOwnEventsAndNoOtherTasks() throws Exception {
    for (int i = 0; i < SLEEP_SLOTS; i++) {
      sleep(60_000);
    }
    String watched = sleep(60_000);
    String other = sleep(60_000);
    try (EventStreamClient stream = watch(watched)) {
      stream.next(SOON);
      // events as the task event stream carries them (docs/architecture.md), made up so that they are recognisable
      TaskChanges.publish(node.vertx().eventBus(), List.of(event(other, "not mine"), event(watched, "mine")));
      EventStreamClient.Event forwarded = stream.await(e -> e.name().equals("task"), SOON);
      assertThat(forwarded.data().getString("detail")).isEqualTo("mine");
      assertThat(forwarded.data().getString("queryCode")).isEqualTo(watched);
    }
  }

  private static TaskChange event(String code, String detail) {
    return new TaskChange(-1L, code, "Sleep", "watcher", TaskChange.PROGRESS, TaskState.RUNNING, null, 0, 0.25, null, null, detail);
  }

  @Test
  void aWatchNeedsATokenAndTheCallersOwnTask() throws Exception {
    String code = sleep(0);
    try (EventStreamClient anonymous = EventStreamClient.open(node.httpPort(), "/api/task/" + code + "/watch", null)) {
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.errorBody().getJsonObject("error").getString("code")).isEqualTo("UNAUTHORIZED");
    }
    try (EventStreamClient stranger = EventStreamClient.open(node.httpPort(), "/api/task/" + code + "/watch", Tokens.valid("someone-else"))) {
      assertThat(stranger.status()).isEqualTo(404);
      assertThat(stranger.errorBody().getJsonObject("error").getString("code")).isEqualTo("NOT_FOUND");
    }
    assertThat(errorCode(api.get("/api/task/not*a*code/watch", TOKEN), 400)).isEqualTo("BAD_REQUEST");
  }

  @Test
  void watchStreamsBeyondTheLimitAreRefusedAsBusyUntilOneCloses() throws Exception {
    for (int i = 0; i < SLEEP_SLOTS; i++) {
      sleep(60_000);
    }
    String waiting = sleep(60_000);
    List<EventStreamClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        open.add(watch(waiting));
        assertThat(open.get(i).status()).isEqualTo(200);
      }
      try (EventStreamClient refused = watch(waiting)) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorBody().getJsonObject("error").getString("code")).isEqualTo("BUSY");
      }
      open.remove(0).close();
      long deadline = System.nanoTime() + SOON.toNanos();
      int status;
      do {
        try (EventStreamClient again = watch(waiting)) {
          status = again.status();
        }
      } while (status != 200 && System.nanoTime() < deadline);
      assertThat(status).as("a stream opens once another has closed").isEqualTo(200);
    } finally {
      for (EventStreamClient stream : open) {
        stream.close();
      }
    }
  }

  @Test
  void theQueueShowsWaitingAndRunningPerTypeAndWhatEachNodeRuns() {
    assertThat(errorCode(api.get("/api/queue", null), 401)).isEqualTo("UNAUTHORIZED");
    for (int i = 0; i < SLEEP_SLOTS + 2; i++) {
      sleep(60_000);
    }
    JsonObject queue = awaitQueue(q -> type(q, "Sleep").getLong("running") == SLEEP_SLOTS && type(q, "Sleep").getLong("waiting") == 2
        && runningOnNode(q, "Sleep") == SLEEP_SLOTS);
    JsonObject sleep = type(queue, "Sleep");
    assertThat(sleep.getInteger("nodes")).isEqualTo(1);
    assertThat(sleep.getInteger("concurrency")).isEqualTo(SLEEP_SLOTS);
    assertThat(sleep.getJsonObject("paramsSchema").getJsonArray("required")).containsExactly("millis");
    JsonObject onlyNode = queue.getJsonArray("nodes").getJsonObject(0);
    assertThat(onlyNode.getString("node")).isEqualTo(node.nodeId());
    assertThat(type(queue, "Noop").getLong("waiting")).isZero();

    submitted.forEach(code -> api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject()));
    awaitQueue(q -> type(q, "Sleep").getLong("running") == 0 && type(q, "Sleep").getLong("waiting") == 0);
  }

  private static JsonObject awaitQueue(java.util.function.Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + SOON.toNanos();
    JsonObject queue = null;
    while (System.nanoTime() < deadline) {
      queue = data(api.get("/api/queue", TOKEN));
      if (condition.test(queue)) {
        return queue;
      }
      ApiClient.sleep(100);
    }
    throw new AssertionError("the queue never showed what was expected: " + queue);
  }

  private static JsonObject type(JsonObject queue, String name) {
    return queue.getJsonArray("types").stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + queue));
  }

  private static int runningOnNode(JsonObject queue, String type) {
    JsonArray nodes = queue.getJsonArray("nodes");
    return nodes.stream().map(JsonObject.class::cast).flatMap(n -> n.getJsonArray("types").stream().map(JsonObject.class::cast))
        .filter(t -> t.getString("name").equals(type)).mapToInt(t -> t.getInteger("running")).sum();
  }
}
