package org.aips.plugins.rayvision.client;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.CreatedTasks;
import org.aips.plugins.rayvision.client.model.FrameInfo;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.OutputFile;
import org.aips.plugins.rayvision.client.model.Page;
import org.aips.plugins.rayvision.client.model.FrameSelection;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskListQuery;
import org.aips.plugins.rayvision.client.model.TaskStatus;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call of the client against the simulator: the answers decoded, and the documented refusals. */
class RayvisionClientTest {

  private static SimulatedFarm farm;
  private static RayvisionClient client;

  @BeforeAll
  static void start() {
    farm = new SimulatedFarm(SimulatorOptions.defaults(SimulatedFarm.ACCESS_ID, SimulatedFarm.ACCESS_KEY)
        .withTiming(100, 50, 2).withFailingFrames(Set.of(3)));
    client = farm.client();
  }

  @AfterAll
  static void stop() {
    farm.close();
  }

  @Test
  void accountCallsDecodeTheirRecords() {
    assertThat(client.userProfile().await().userId()).isPositive();
    assertThat(client.userProfile().await().cpuPrice()).isNotNull();
    assertThat(client.userSetting().await().taskOverTimeSec()).isEqualTo(3600);
    assertThat(client.transferBid().await().inputBid()).isNotBlank();
    assertThat(client.transferConfig().await().engines()).isNotEmpty().allSatisfy(e -> assertThat(e.lines()).isNotEmpty());
    assertThat(client.raysyncServerInfo().await().serverPort()).isPositive();
    assertThat(client.raysyncUserKey().await().toString()).doesNotContain("simulated-raysync-key");
    assertThat(client.hardwareConfigs(null).await()).extracting(h -> h.id()).contains(301L, 303L);
    assertThat(client.analyseErrorDetail("15000", null, 1).await()).singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo("15000"));
  }

  @Test
  void createTaskReservesIdsWithLabelsAndLevel() {
    CreatedTasks created = client.createTask(new CreateTaskRequest(3, 42L, 60, List.of("a", "b"), null, "ann")).await();
    assertThat(created.taskIds()).hasSize(3);
    assertThat(created.aliases()).hasSize(3).allSatisfy(alias -> assertThat(alias).startsWith("SIM"));
    CreatedTasks clone = client.createTask(new CreateTaskRequest(1, null, null, null, created.taskIds().get(0), null)).await();
    assertThat(clone.taskIds()).hasSize(1);
  }

  @Test
  void aSubmittedTaskRendersAndReportsFramesCostAndOutput() {
    long id = submitted("1-6", "hardwareConfigId", "303");
    TaskInfo info = awaitTask(id, t -> t.status().map(s -> s.phase() == TaskStatus.Phase.FINISHED).orElse(false));
    assertThat(info.status()).contains(TaskStatus.FINISHED_HAS_FAILED);
    assertThat(info.totalFrames()).isEqualTo(6);
    assertThat(info.doneFrames()).isEqualTo(5);
    assertThat(info.failedFrames()).isEqualTo(1);
    assertThat(info.renderConsume()).isPositive();
    Page<FrameInfo> page = client.taskFrames(FramesQuery.page(id, 2, 4)).await();
    assertThat(page.total()).isEqualTo(6);
    assertThat(page.items()).hasSize(2);
    assertThat(page.isLast()).isTrue();
    List<OutputFile> top = client.taskOutputFiles(id).await();
    assertThat(top).singleElement().satisfies(f -> assertThat(f.directory()).isTrue());
    assertThat(client.outputFiles(top.get(0).filePath()).await()).hasSize(5).allSatisfy(f -> assertThat(f.fileName()).endsWith(".png"));
    assertThat(client.hardwareConfigs(List.of(Long.toString(id))).await()).filteredOn(h -> h.current())
        .extracting(h -> h.id()).containsExactly(303L);
    assertThat(client.subTaskIds(id).await()).containsExactly(id);
  }

  @Test
  void recommitCallsRenderFramesAgain() {
    long id = submitted("1-4");
    awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED_HAS_FAILED);
    client.recommitFailedFrames(List.of(id), null).await();
    TaskInfo again = awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED);
    assertThat(again.failedFrames()).isZero();

    // frames 1, 2 and 4 by index ("2-4[2]" is 2 and 4); frame 3 was recommitted once already
    client.recommitFramesByIndex(id, List.of("1", "2-4[2]")).await();
    awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED);
    Map<String, Integer> recommits = new java.util.HashMap<>();
    client.taskFrames(FramesQuery.page(id, 1, 100)).await().items().forEach(f -> recommits.put(f.frameIndex(), f.recommitCount()));
    assertThat(recommits).containsEntry("1", 1).containsEntry("2", 1).containsEntry("3", 1).containsEntry("4", 1);
    assertThat(farm.simulator.requests(org.aips.rayvision.simulator.Endpoint.QUERY_TASK_FRAMES)).isPositive();

    long frameId = client.taskFrames(FramesQuery.page(id, 1, 1)).await().items().get(0).id();
    client.recommitFrames(FrameSelection.byIds(id, List.of(frameId))).await();
    client.recommitFrames(FrameSelection.all(id, null)).await();
    assertThat(awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED).doneFrames()).isEqualTo(4);
  }

  @Test
  void stopStartAndFullSpeed() {
    long id = submitted("1-200");
    client.stopTasks(List.of(id)).await();
    assertThat(client.taskInfo(List.of(id)).await().get(0).status()).contains(TaskStatus.USER_STOP);
    client.startTasks(List.of(id)).await();
    client.fullSpeed(List.of(id)).await();
    assertThat(client.taskInfo(List.of(id)).await().get(0).status().orElseThrow().phase()).isEqualTo(TaskStatus.Phase.ACTIVE);
    client.stopTasks(List.of(id)).await();
  }

  @Test
  void taskListFiltersAndPages() {
    long id = submitted("1");
    awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED);
    Page<TaskInfo> finished = client.taskList(new TaskListQuery(1, 1000, List.of(25), null, null, null)).await();
    assertThat(finished.items()).extracting(TaskInfo::id).contains(id);
    assertThat(finished.items()).allSatisfy(t -> assertThat(t.statusCode()).isEqualTo(25));
    assertThat(client.taskList(new TaskListQuery(1, 10, null, Long.toString(id), "2000-01-01 00:00:00", "2999-01-01 00:00:00"))
        .await().items()).extracting(TaskInfo::id).containsExactly(id);
    Page<TaskInfo> firstPage = client.taskList(TaskListQuery.page(1, 1)).await();
    assertThat(firstPage.size()).isEqualTo(1);
    assertThat(firstPage.pageCount()).isEqualTo((int) firstPage.total());
  }

  @Test
  void documentedErrorCodesArriveAsTypedErrorsWithThePath() {
    assertThat(error(client.taskFrames(FramesQuery.page(999, 1, 10)))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(RayvisionException.NOT_FOUND);
      assertThat(e.path()).isEqualTo(Operation.QUERY_TASK_FRAMES.defaultPath());
    });
    assertThat(error(client.stopTasks(List.of())).code()).isEqualTo(RayvisionException.MISSING_PARAMETER);
    long id = client.createTask(CreateTaskRequest.one()).await().taskIds().get(0);
    assertThat(error(client.submitTask(id, null)).code()).isEqualTo(RayvisionException.FAIL); // task.json not uploaded
    assertThat(client.recommitFramesByIndex(id, List.of("seven")).cause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seven");
    assertThat(error(client.taskList(TaskListQuery.page(10_000, 100))).code()).isEqualTo(RayvisionException.NO_MORE_RECORDS);
  }

  @Test
  void wrongCredentialsAreRefusedWithoutShowingTheKey() {
    RayvisionClient unknown = RayvisionClient.create(farm.vertx, farm.webClient, farm.account("nobody", "k"), ClientOptions.defaults());
    assertThat(error(unknown.userProfile()).code()).isEqualTo(RayvisionException.LOGIN_NEEDED);
    RayvisionClient wrongKey = RayvisionClient.create(farm.vertx, farm.webClient,
        farm.account(SimulatedFarm.ACCESS_ID, "wrong-secret"), ClientOptions.defaults());
    RayvisionException refused = error(wrongKey.userProfile());
    assertThat(refused.code()).isEqualTo(RayvisionException.SIGNATURE_INVALID);
    assertThat(refused.isAccountProblem()).isTrue();
    assertThat(refused.getMessage()).doesNotContain("wrong-secret");
    assertThat(wrongKey.account().toString()).doesNotContain("wrong-secret").contains("accessKey=***");
  }

  @Test
  void aBodyThatIsNotJsonIsAnIllegalProtocol() {
    JsonObject answer = farm.webClient.post(farm.simulator.port(), "127.0.0.1", Operation.QUERY_USER_PROFILE.defaultPath())
        .sendBuffer(Buffer.buffer("not json")).await().bodyAsJsonObject();
    assertThat(answer.getInteger("code")).isEqualTo(RayvisionException.ILLEGAL_PROTOCOL);
    assertThat(answer.getBoolean("result")).isFalse();
  }

  @Test
  void unsignedRequestsAreRefusedForTheMissingHeader() {
    JsonObject answer = farm.webClient.post(farm.simulator.port(), "127.0.0.1", Operation.QUERY_USER_PROFILE.defaultPath())
        .sendJsonObject(new JsonObject()).await().bodyAsJsonObject();
    assertThat(answer.getInteger("code")).isEqualTo(RayvisionException.MISSING_PARAMETER);
  }

  @Test
  void pathsCanBeConfiguredPerDeployment() {
    ClientOptions moved = ClientOptions.defaults().withRetries(1, 0, 0).withPath(Operation.QUERY_USER_PROFILE, "/api/render/user/queryUserProfile");
    RayvisionException e = error(farm.client(moved).userProfile());
    assertThat(e.code()).isEqualTo(RayvisionException.NOT_FOUND); // a path neither the seed nor the SDK has
    assertThat(e.path()).isEqualTo("/api/render/user/queryUserProfile");
  }

  private static long submitted(String frames, String... taskInfo) {
    CreatedTasks created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    JsonObject taskJson = SimulatedFarm.stampedMaxScene(id, created.userId(), frames);
    for (int i = 0; i + 1 < taskInfo.length; i += 2) {
      taskJson.getJsonObject("task_info").put(taskInfo[i], taskInfo[i + 1]);
    }
    client.uploadTaskJson(id, taskJson).await();
    client.submitTask(id, "tester").await();
    return id;
  }

  private static TaskInfo awaitTask(long id, Predicate<TaskInfo> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      TaskInfo info = client.taskInfo(List.of(id)).await().get(0);
      if (condition.test(info)) {
        return info;
      }
      assertThat(System.nanoTime()).as("task %d never got there: %s", id, info).isLessThan(deadline);
      sleep(50);
    }
  }

  static RayvisionException error(Future<?> call) {
    Throwable failure = call.transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).isInstanceOf(RayvisionException.class);
    return (RayvisionException) failure;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
