package org.aips.server.api;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.bus.Addresses;
import org.aips.server.lifecycle.TaskChanges;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.executor.RunOutcomes;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.aips.server.executor.RunOutput;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.SharedNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Submit → query → result through the public API, with the example plugin loaded from the plugins folder. */
class TaskLifecycleTest {

  private static final String TOKEN = Tokens.valid("lifecycle");
  private static final ApiClient api = SharedNode.api();

  @Test
  void theExamplePluginMakesAThumbnailThatCanBeFetched() {
    JsonObject task = new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(640, 480)))
        .put("quality", 90).put("keepSeconds", 600).put("demandVisitTimes", 2).put("channel", "web").put("guideCode", "g1")
        .put("params", new JsonObject().put("maxSize", 160));
    JsonObject submitted = api.submit(TOKEN, task);
    assertThat(submitted.getLong("queueing")).isGreaterThanOrEqualTo(0);
    assertThat(submitted.getLong("waiting")).isGreaterThanOrEqualTo(0);
    String code = submitted.getString("queryCode");

    JsonObject done = api.awaitStatus(TOKEN, code, "done");
    assertThat(done.getBoolean("done")).isTrue();
    assertThat(done.getDouble("proccessing")).isEqualTo(1.0);
    assertThat(done.getInteger("quality")).isEqualTo(90);
    assertThat(done.getString("result")).isEqualTo("/api/task-result/" + code);
    assertThat(done.getBoolean("overdue")).isFalse();
    assertThat(done.getLong("completedTime")).isEqualTo(done.getLong("doneAt"));
    assertThat(done.getLong("retention")).isEqualTo(done.getLong("doneAt") + 600_000);
    assertThat(done.getLong("startAt")).isBetween(done.getLong("createdAt"), done.getLong("doneAt"));
    assertThat(done.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(new java.math.BigDecimal(done.getValue("timeBudget").toString()).scale())
        .as("timeBudget %s is rounded to the millisecond", done.getValue("timeBudget")).isLessThanOrEqualTo(3);

    HttpResponse<Buffer> result = api.get("/api/task-result/" + code, TOKEN);
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.getHeader("content-type")).isEqualTo("image/jpeg");
    BufferedImage thumbnail = Images.decode(result.body().getBytes());
    assertThat(thumbnail.getWidth()).isEqualTo(160);
    assertThat(thumbnail.getHeight()).isEqualTo(120);
    int rgb = thumbnail.getRGB(80, 60);
    assertThat((rgb >> 16) & 0xff).isEqualTo(rgb & 0xff); // grayscale: R == B

    assertThat(api.query(TOKEN, code).getInteger("visitTimes")).isEqualTo(1);
    assertThat(api.get("/api/task-result/" + code, TOKEN).statusCode()).isEqualTo(200);
    assertThat(errorCode(api.get("/api/task-result/" + code, TOKEN), 410)).isEqualTo("VISITS_EXHAUSTED");
    assertThat(api.query(TOKEN, code).getInteger("visitTimes")).isEqualTo(2);
  }

  @Test
  void aJsonResultIsServedAsJson() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Flaky")).getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");
    HttpResponse<Buffer> result = api.get("/api/task-result/" + code, TOKEN);
    assertThat(result.getHeader("content-type")).isEqualTo("application/json");
    assertThat(result.bodyAsJsonObject().getInteger("attempt")).isEqualTo(1);
  }

  @Test
  void progressRisesWhileATaskRunsAndTheResultWaitsForIt() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", 2500)))
        .getString("queryCode");
    JsonObject running = api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") > 0.2, Duration.ofSeconds(10));
    assertThat(running.getString("status")).isEqualTo("running");
    assertThat(running.getBoolean("done")).isFalse();
    assertThat(running.getLong("completedTime")).isGreaterThan(System.currentTimeMillis());
    assertThat(errorCode(api.get("/api/task-result/" + code, TOKEN), 409)).isEqualTo("RESULT_NOT_READY");
    JsonObject later = api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") > running.getDouble("proccessing"), Duration.ofSeconds(10));
    assertThat(later.getDouble("proccessing")).isGreaterThan(running.getDouble("proccessing"));
    api.awaitStatus(TOKEN, code, "done");
  }

  @Test
  void cancellingARunningTaskStopsItsExecutor() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", 60_000)))
        .getString("queryCode");
    api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") > 0, Duration.ofSeconds(10));
    JsonObject cancelled = ApiClient.data(api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject()));
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    ApiClient.sleep(1500);
    JsonObject after = api.query(TOKEN, code);
    assertThat(after.getString("status")).isEqualTo("cancelled");
    assertThat(errorCode(api.get("/api/task-result/" + code, TOKEN), 409)).isEqualTo("TASK_CANCELLED");
    assertThat(errorCode(api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject()), 409)).isEqualTo("NOT_CANCELLABLE");
  }

  @Test
  void everyTransitionIsInTheHistoryAndOnTheBus() {
    List<JsonObject> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    MessageConsumer<TaskChanges> consumer = SharedNode.vertx().eventBus().consumer(Addresses.TASK_EVENTS,
        m -> published.addAll(m.body().toJsonList()));
    consumer.completion().await();
    try {
      String code = api.submit(TOKEN, new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", 1200)))
          .getString("queryCode");
      api.awaitStatus(TOKEN, code, "done");

      JsonObject history = ApiClient.data(api.get("/api/task/" + code + "/events", TOKEN));
      assertThat(history.getString("state")).isEqualTo("done");
      List<JsonObject> events = history.getJsonArray("events").stream().map(JsonObject.class::cast).toList();
      assertThat(events).extracting(e -> e.getString("event") + "/" + e.getString("state"))
          .containsExactly("submitted/waiting", "claimed/running", "completed/done");
      assertThat(events.get(1).getString("node")).as("the claiming scheduler").isNotBlank();
      assertThat(events.get(2).getInteger("attempt")).isEqualTo(1);
      assertThat(events).extracting(e -> e.getLong("at")).isSorted();

      long deadline = System.currentTimeMillis() + 5000;
      while (published.stream().noneMatch(e -> code.equals(e.getString("queryCode")) && "completed".equals(e.getString("event")))) {
        assertThat(System.currentTimeMillis()).as("the completed event is published").isLessThan(deadline);
        ApiClient.sleep(20);
      }
      List<JsonObject> mine = published.stream().filter(e -> code.equals(e.getString("queryCode"))).toList();
      assertThat(mine).extracting(e -> e.getString("event")).containsOnlyOnce("submitted", "claimed", "completed").contains("progress");
      // in the order the scheduler published them; the HTTP verticle's submitted may arrive before or after its claim
      assertThat(mine).extracting(e -> e.getString("event")).filteredOn(e -> !"submitted".equals(e))
          .startsWith("claimed").endsWith("completed");
      JsonObject completed = mine.get(mine.size() - 1);
      assertThat(completed.getString("taskType")).isEqualTo("Sleep");
      assertThat(completed.getString("userId")).isEqualTo("lifecycle");
      assertThat(completed.getLong("runMillis")).isBetween(1000L, 10_000L);
      assertThat(completed.getDouble("proccessing")).isEqualTo(1.0);

      assertThat(errorCode(api.get("/api/task/" + code + "/events", Tokens.valid("someone-else")), 404)).isEqualTo("NOT_FOUND");
      String message = api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject()).bodyAsJsonObject()
          .getJsonObject("error").getString("message");
      assertThat(message).contains("done → cancelled");
    } finally {
      consumer.unregister().await();
    }
  }

  /** The race of a result crossing a cancel, made deterministic: the test is the executor and replies after the cancel. */
  @Test
  void aResultThatArrivesAfterACancelIsNotKept() throws Exception {
    Vertx vertx = SharedNode.vertx();
    Promise<Dispatch> dispatched = Promise.promise();
    MessageConsumer<DispatchBatch> executor = vertx.eventBus().consumer(Addresses.executor("LateReply"), batch -> {
      batch.reply(null);
      dispatched.tryComplete(batch.body().tasks().get(0));
    });
    try {
      TaskTypeOffer offer = new TaskTypeOffer("LateReply", new JsonObject(), Set.of(), List.of(), 1);
      vertx.eventBus().publish(Addresses.EXECUTOR_ANNOUNCE,
          new JsonObject().put("node", "test-executor").put("types", new JsonArray().add(offer.toJson())));
      String code = api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "LateReply")).getString("queryCode");
      Dispatch dispatch = dispatched.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(ApiClient.data(api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject())).getString("status")).isEqualTo("cancelled");

      String text = "a result nobody wants " + System.nanoTime();
      RunOutput output = new RunOutput("test-executor", "text/plain", Buffer.buffer(text), null);
      vertx.eventBus().send(Addresses.outcomeInbox(dispatch.inbox()), new RunOutcomes(List.of(Outcome.succeeded(dispatch, output))));

      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
      Path blob = SharedNode.dataDir().resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
      long deadline = System.currentTimeMillis() + 10_000;
      boolean written = false;
      while (System.currentTimeMillis() < deadline && !(written && !Files.exists(blob))) {
        written |= Files.exists(blob);
        ApiClient.sleep(20);
      }
      assertThat(written).as("the late result reached the blob store").isTrue();
      assertThat(blob).as("and was removed once the grace period had passed").doesNotExist();
      assertThat(api.query(TOKEN, code).getString("status")).isEqualTo("cancelled");
    } finally {
      executor.unregister().await();
    }
  }

  @Test
  void countsFollowTheQueue() {
    long doneBefore = ApiClient.data(api.get("/api/taskes-done", TOKEN)).getLong("done");
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Noop")).getString("queryCode");
    api.awaitStatus(TOKEN, code, "done");
    ApiClient.sleep(300); // the count is cached for 250 ms
    assertThat(ApiClient.data(api.get("/api/taskes-done", TOKEN)).getLong("done")).isGreaterThan(doneBefore);
  }

  @Test
  void unknownQueryCodesAreNotFound() {
    assertThat(errorCode(api.get("/api/query-task/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TOKEN), 404)).isEqualTo("NOT_FOUND");
    assertThat(errorCode(api.get("/api/task-result/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TOKEN), 404)).isEqualTo("NOT_FOUND");
  }

  @Test
  void malformedQueryCodesAreRefusedByTheContract() {
    for (String code : new String[] {"short", "has%20space%20inside-xxxxxxxxx", "x".repeat(65), "123456789012345678"}) {
      HttpResponse<Buffer> response = api.get("/api/query-task/" + code, TOKEN);
      if (code.matches("[0-9]+")) { // digits only: well-formed, just unknown
        assertThat(errorCode(response, 404)).isEqualTo("NOT_FOUND");
      } else {
        assertThat(errorCode(response, 400)).as(code).isEqualTo("BAD_REQUEST");
        assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("queryCode");
      }
    }
  }

  @Test
  void theContractIsServed() {
    HttpResponse<Buffer> contract = api.get("/api/openapi.yaml", null);
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString()).contains("operationId: submitTask", "/api/taskes-waiting", "x-token");
  }
}
