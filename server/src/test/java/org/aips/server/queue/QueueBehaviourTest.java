package org.aips.server.queue;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestTypes;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Ordering, retries and retention, on a node with queue.vipStep = 2 (a VIP level jumps 2 tasks). */
class QueueBehaviourTest {

  private static final String TOKEN = Tokens.valid("queue");
  private static AipsServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    server = TestNode.start(TestNode.config(TestNode.newDataDir("queue"), new JsonObject()
        .put("queue", new JsonObject().put("vipStep", 2))));
    api = new ApiClient(server.vertx(), server.httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    server.close().await();
  }

  @BeforeEach
  void resetRecorder() {
    TestTypes.START_ORDER.clear();
    TestTypes.gate = Promise.promise();
  }

  private String record(String name, int vip) {
    return submitRecorder(name, vip).getString("queryCode");
  }

  private JsonObject submitRecorder(String name, int vip) {
    return api.submit(TOKEN, new JsonObject().put("taskType", "Recorder").put("vip", vip)
        .put("params", new JsonObject().put("name", name)));
  }

  /** GET /api/taskes-waiting, once its short cache has expired. */
  private long waitingCount() {
    ApiClient.sleep(300);
    return ApiClient.data(api.get("/api/taskes-waiting", TOKEN)).getLong("queueing");
  }

  /** Occupies the single Recorder slot until the gate opens, so that a queue builds up. */
  private void holdTheExecutor() {
    api.submit(TOKEN, new JsonObject().put("taskType", "Recorder").put("params", new JsonObject().put("name", "blocker").put("hold", true)));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!TestTypes.START_ORDER.contains("blocker") && System.currentTimeMillis() < deadline) {
      ApiClient.sleep(10);
    }
    assertThat(TestTypes.START_ORDER).containsExactly("blocker");
  }

  @Test
  void vipTasksJumpAheadByABoundedAmount() {
    holdTheExecutor();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      JsonObject submitted = submitRecorder("n" + i, 0);
      assertThat(submitted.getLong("queueing")).isEqualTo(i);
      codes.add(submitted.getString("queryCode"));
    }
    // processNo = taskNo - vip * vipStep; ties go to the earlier task. So vip1 (taskNo - 2) ties with
    // n8 and passes only n9, while vip100 (taskNo - 200) passes everything queued here.
    JsonObject vip1Submitted = submitRecorder("vip1", 1);
    assertThat(vip1Submitted.getLong("queueing")).isEqualTo(9);
    String vip1 = vip1Submitted.getString("queryCode");
    JsonObject vip100Submitted = submitRecorder("vip100", 100);
    assertThat(vip100Submitted.getLong("queueing")).isZero();
    String vip100 = vip100Submitted.getString("queryCode");
    assertThat(waitingCount()).isEqualTo(12);
    assertThat(api.query(TOKEN, vip1).getLong("queueing")).isEqualTo(10);
    JsonObject queued = api.query(TOKEN, vip1);
    assertThat(queued.getString("status")).isEqualTo("waiting");
    assertThat(queued.getLong("processNo")).isEqualTo(queued.getLong("taskNo") - 2);
    assertThat(api.query(TOKEN, vip100).getLong("queueing")).isZero();
    assertThat(api.query(TOKEN, codes.get(9)).getLong("queueing")).isEqualTo(11); // n0..n8, vip1, vip100
    assertThat(api.query(TOKEN, codes.get(9)).getLong("waiting")).isPositive();

    TestTypes.gate.complete();
    api.awaitStatus(TOKEN, codes.get(9), "done"); // the last to run
    assertThat(TestTypes.START_ORDER).containsExactly(
        "blocker", "vip100", "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "vip1", "n9");
    assertThat(waitingCount()).isZero();
  }

  @Test
  void aWaitingTaskIsOvertakenByAtMostVipStepTimesVipTasks() {
    holdTheExecutor();
    String plain = record("plain", 0);
    for (int i = 0; i < 250; i++) {
      record("vip" + i, 100);
    }
    TestTypes.gate.complete();
    api.awaitStatus(TOKEN, plain, "done");
    // Each VIP-100 task may pass at most 100 * 2 = 200 earlier tasks: only the first 199 VIPs get ahead.
    assertThat(TestTypes.START_ORDER.indexOf("plain")).isEqualTo(1 + 199);
  }

  @Test
  void aCancelledWaitingTaskNeverRuns() {
    holdTheExecutor();
    String doomed = record("doomed", 0);
    JsonObject afterSubmitted = submitRecorder("after", 0);
    assertThat(afterSubmitted.getLong("queueing")).isEqualTo(1);
    String after = afterSubmitted.getString("queryCode");
    assertThat(ApiClient.data(api.post("/api/task/" + doomed + "/cancel", TOKEN, new JsonObject())).getString("status"))
        .isEqualTo("cancelled");
    assertThat(api.query(TOKEN, after).getLong("queueing")).isZero();
    assertThat(waitingCount()).isEqualTo(1);
    TestTypes.gate.complete();
    api.awaitStatus(TOKEN, after, "done");
    assertThat(TestTypes.START_ORDER).containsExactly("blocker", "after");
  }

  @Test
  void aFailingTaskIsRetriedUntilItSucceeds() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Flaky").put("params", new JsonObject().put("succeedOn", 3)))
        .getString("queryCode");
    JsonObject done = api.awaitStatus(TOKEN, code, "done");
    assertThat(done.getInteger("attempts")).isEqualTo(3);
    assertThat(done.getString("error")).isNull();
  }

  @Test
  void aTaskThatKeepsFailingEndsFailedWithItsError() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Broken")).getString("queryCode");
    JsonObject failed = api.awaitStatus(TOKEN, code, "failed");
    assertThat(failed.getInteger("attempts")).isEqualTo(3);
    assertThat(failed.getString("error")).isEqualTo("boom on attempt 3");
    assertThat(failed.getBoolean("done")).isFalse();
    assertThat(errorCode(api.get("/api/task-result/" + code, TOKEN), 409)).isEqualTo("TASK_FAILED");
  }

  @Test
  void aPermanentFailureIsNotRetried() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Broken").put("params", new JsonObject().put("permanent", true)))
        .getString("queryCode");
    JsonObject failed = api.awaitStatus(TOKEN, code, "failed");
    assertThat(failed.getInteger("attempts")).isEqualTo(1);
    assertThat(failed.getString("error")).isEqualTo("input can never work");
  }

  @Test
  void afterRetentionOnlyTheDeadlineIsShownAndTheResultIsGone() {
    String code = api.submit(TOKEN, new JsonObject().put("taskType", "Noop").put("keepSeconds", 1)).getString("queryCode");
    JsonObject done = api.awaitStatus(TOKEN, code, "done");
    long retention = done.getLong("retention");
    JsonObject overdue = api.awaitQuery(TOKEN, code, t -> t.containsKey("overdue") && t.getBoolean("overdue"), Duration.ofSeconds(10));
    assertThat(overdue.fieldNames()).containsExactlyInAnyOrder("retention", "overdue");
    assertThat(overdue.getLong("retention")).isEqualTo(retention);
    assertThat(errorCode(api.get("/api/task-result/" + code, TOKEN), 410)).isEqualTo("OVERDUE");
  }
}
