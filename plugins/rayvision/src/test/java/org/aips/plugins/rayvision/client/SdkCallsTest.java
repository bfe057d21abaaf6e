package org.aips.plugins.rayvision.client;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.CreatedTasks;
import org.aips.plugins.rayvision.client.model.FrameInfo;
import org.aips.plugins.rayvision.client.model.FrameSelection;
import org.aips.plugins.rayvision.client.model.FrameStats;
import org.aips.plugins.rayvision.client.model.FrameStatus;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskListQuery;
import org.aips.plugins.rayvision.client.model.TaskStatus;
import org.aips.rayvision.simulator.Endpoint;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.aips.plugins.rayvision.client.RayvisionClientTest.error;
import static org.aips.plugins.rayvision.client.RayvisionClientTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** The SDK calls beyond the seed's: task life cycle, priority, time-out, frame statistics and stops, logs, platforms, software. */
class SdkCallsTest {

  private SimulatedFarm farm;
  private RayvisionClient client;

  @BeforeEach
  void start() {
    farm = new SimulatedFarm(SimulatorOptions.defaults(SimulatedFarm.ACCESS_ID, SimulatedFarm.ACCESS_KEY).withTiming(50, 100, 1));
    client = farm.client();
  }

  @AfterEach
  void stop() {
    farm.close();
  }

  @Test
  void abandonEndsATaskForGoodAndItsPendingFramesAreAborted() {
    long id = submitted("1-50");
    awaitTask(id, t -> t.doneFrames() > 0);
    client.abandonTasks(List.of(id)).await();
    TaskInfo abandoned = client.taskInfo(List.of(id)).await().get(0);
    assertThat(abandoned.status()).contains(TaskStatus.ABANDON);
    assertThat(abandoned.abortFrames()).isPositive();
    assertThat(abandoned.settledFrames()).isEqualTo(50);
  }

  @Test
  void aDeletedTaskIsGoneFromInfoAndListAndShowsInTheRecycleList() {
    long id = submitted("1");
    client.deleteTasks(List.of(id)).await();
    assertThat(client.taskInfo(List.of(id)).await()).isEmpty();
    assertThat(client.taskList(TaskListQuery.page(1, 100)).await().items()).extracting(TaskInfo::id).doesNotContain(id);
    assertThat(client.taskList(new TaskListQuery(1, 100, null, null, null, null, 1)).await().items()).extracting(TaskInfo::id)
        .containsExactly(id);
    assertThat(error(client.stopTasks(List.of(id))).code()).isEqualTo(RayvisionException.NOT_FOUND);
  }

  @Test
  void priorityCanBeRaisedAndOnlyToAKnownLevel() {
    long id = submitted("1-3");
    client.updatePriority(id, 60).await();
    assertThat(client.taskInfo(List.of(id)).await().get(0).taskUserLevel()).isEqualTo(60);
    assertThat(client.updatePriority(id, 70).cause()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTaskRenderingLongerThanItsTimeOutIsStoppedByTheFarm() {
    long id = submitted("1-100");
    client.setOverTimeStop(List.of(id), 1).await();
    TaskInfo stopped = awaitTask(id, t -> t.status().orElseThrow() != TaskStatus.WAITING && t.status().orElseThrow() != TaskStatus.RENDERING);
    assertThat(stopped.status()).contains(TaskStatus.TIME_OUT_STOP);
    assertThat(stopped.doneFrames()).isBetween(1, 99);
  }

  @Test
  void frameStatisticsCountFramesOverAllTasks() {
    long id = submitted("1-4");
    awaitTask(id, t -> t.status().orElseThrow() == TaskStatus.FINISHED);
    submitted("1-3");
    FrameStats stats = client.allFrameStats().await();
    assertThat(stats.total()).isEqualTo(7);
    assertThat(stats.done()).isGreaterThanOrEqualTo(4);
    assertThat(stats.done() + stats.executing() + stats.waiting() + stats.failed()).isEqualTo(7);
  }

  @Test
  void stoppedFramesAreNotRenderedUntilRecommitted() {
    long id = submitted("1-6");
    List<FrameInfo> frames = client.taskFrames(FramesQuery.page(id, 1, 100)).await().items();
    long last = frames.get(5).id();
    client.stopFrames(FrameSelection.byIds(id, List.of(last))).await();
    awaitTask(id, t -> t.status().orElseThrow().phase() == TaskStatus.Phase.FINISHED);
    FrameInfo stopped = client.taskFrames(FramesQuery.page(id, 6, 1)).await().items().get(0);
    assertThat(stopped.frameStatus()).contains(FrameStatus.STOP);
    client.recommitFrames(FrameSelection.byIds(id, List.of(last))).await();
    assertThat(awaitTask(id, t -> t.doneFrames() == 6).status()).contains(TaskStatus.FINISHED);
  }

  @Test
  void aFramesRenderLogIsReturnedAsTheFarmSendsIt() {
    long id = submitted("1");
    long frameId = client.taskFrames(FramesQuery.page(id, 1, 1)).await().items().get(0).id();
    JsonObject log = client.renderLog(frameId, "render", 1, 10).await();
    assertThat(log.getJsonArray("items").encode()).contains("frame 1");
    assertThat(error(client.renderLog(999, "render", 1, 10)).code()).isEqualTo(RayvisionException.NOT_FOUND);
  }

  @Test
  void platformsSoftwareAndPluginsAreListed() {
    assertThat(client.platforms().await()).extracting(p -> p.platform()).contains(2);
    assertThat(client.supportedSoftware().await().software()).extracting(s -> s.cgId()).contains(2000, 2001, 2004);
    assertThat(client.supportedPlugins(2000, "windows").await().versions()).singleElement()
        .satisfies(v -> assertThat(v.cgName()).isEqualTo("Maya"));
    assertThat(client.supportedPlugins(2001, "linux").await().versions()).as("3ds Max has no Linux build").isEmpty();
    assertThat(client.supportedPlugins(2000, "macos").cause()).hasMessageContaining("osName");
    assertThat(farm.simulator.requests(Endpoint.QUERY_SOFTWARE_DETAIL)).isEqualTo(2);
  }

  private long submitted(String frames) {
    CreatedTasks created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    client.uploadTaskJson(id, SimulatedFarm.stampedMaxScene(id, created.userId(), frames)).await();
    client.submitTask(id, null).await();
    return id;
  }

  private TaskInfo awaitTask(long id, Predicate<TaskInfo> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      TaskInfo info = client.taskInfo(List.of(id)).await().get(0);
      if (condition.test(info)) {
        return info;
      }
      assertThat(System.nanoTime()).as("task %d never got there: %s", id, info).isLessThan(deadline);
      sleep(30);
    }
  }
}
