package org.aips.plugins.rayvision.poll;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskStatus;
import org.aips.plugins.rayvision.config.PollSettings;
import org.aips.rayvision.simulator.ContractPaths;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A thousand render tasks in flight share one poller: few calls, under the configured rate. */
class TaskPollerTest {

  private static final int TASKS = 1000;

  private SimulatedFarm farm;
  private RayvisionClient client;

  @BeforeEach
  void start() {
    farm = new SimulatedFarm(SimulatorOptions.defaults(SimulatedFarm.ACCESS_ID, SimulatedFarm.ACCESS_KEY).withTiming(1_000, 250, 2));
    client = farm.client();
  }

  @AfterEach
  void stop() {
    farm.close();
  }

  @Test
  void aThousandTasksArePolledInBatchesUnderTheRateLimit() throws Exception {
    List<Long> ids = createTasks(TASKS);
    PollSettings settings = new PollSettings(300, 2_000, 1.5, 100, 10);
    TaskPoller poller = new TaskPoller(farm.vertx, client, settings);
    Map<Long, TaskInfo> finished = new ConcurrentHashMap<>();
    CountDownLatch allDone = new CountDownLatch(TASKS);
    int before = farm.simulator.requests(ContractPaths.QUERY_TASK_INFO);
    long started = System.nanoTime();
    for (long id : ids) {
      Runnable[] unwatch = new Runnable[1];
      unwatch[0] = poller.watch(id, new TaskWatcher() {
        @Override
        public void onInfo(TaskInfo info) {
          if (info.status().orElseThrow().phase() == TaskStatus.Phase.FINISHED && finished.putIfAbsent(id, info) == null) {
            unwatch[0].run();
            allDone.countDown();
          }
        }

        @Override
        public void onError(Throwable failure) {
          throw new AssertionError(failure);
        }
      });
    }
    submit(ids, "1-10"); // while the poller already follows every task, as when a thousand renders start together
    assertThat(allDone.await(60, TimeUnit.SECONDS)).as("all tasks seen finished").isTrue();
    double seconds = (System.nanoTime() - started) / 1e9;
    long calls = farm.simulator.requests(ContractPaths.QUERY_TASK_INFO) - before;
    System.out.printf("TaskPollerTest: %d tasks followed to the end in %.1f s with %d queryTaskInfo calls (%.2f calls/s, limit %.0f/s)%n",
        TASKS, seconds, calls, calls / seconds, settings.maxRequestsPerSecond());
    assertThat(finished.values()).allSatisfy(info -> assertThat(info.doneFrames()).isEqualTo(10));
    assertThat(calls).isEqualTo(poller.requests());
    assertThat(calls).as("one call per 100 tasks per round").isLessThan(TASKS / 5);
    assertThat(calls / seconds).isLessThanOrEqualTo(settings.maxRequestsPerSecond() * 1.05);
  }

  private long userId;

  private List<Long> createTasks(int count) {
    List<Long> ids = new ArrayList<>();
    for (int created = 0; created < count; created += 100) {
      var tasks = client.createTask(new CreateTaskRequest(Math.min(100, count - created), null, null, null, null, null)).await();
      ids.addAll(tasks.taskIds());
      userId = tasks.userId();
    }
    return ids;
  }

  private void submit(List<Long> ids, String frames) {
    // all at once: the client queues them itself rather than time out in the connection pool
    List<Future<Void>> submitted = new ArrayList<>();
    for (long id : ids) {
      JsonObject taskJson = SimulatedFarm.stampedMaxScene(id, userId, frames);
      submitted.add(client.uploadTaskJson(id, taskJson).compose(v -> client.submitTask(id, null)));
    }
    Future.all(submitted).await();
  }
}
