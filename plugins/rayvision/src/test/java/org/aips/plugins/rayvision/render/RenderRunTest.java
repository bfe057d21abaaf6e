package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.Operation;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.CreatedTasks;
import org.aips.plugins.rayvision.config.PollSettings;
import org.aips.plugins.rayvision.poll.TaskPoller;
import org.aips.plugins.rayvision.render.RenderCheckpoint.Stage;
import org.aips.rayvision.simulator.Endpoint;
import org.aips.rayvision.simulator.Fault;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Render run against the simulator: a restart at each checkpoint stage, a cancel while the
 * submit is on the wire, a layered task, and a poll the farm keeps refusing.
 */
class RenderRunTest {

  private static final PollSettings POLL = new PollSettings(50, 200, 1.5, 100, 50, 500);

  private SimulatedFarm farm;
  private RayvisionClient client;

  private void startFarm(Set<Integer> failingFrames, ClientOptions options) {
    farm = new SimulatedFarm(SimulatorOptions.defaults(SimulatedFarm.ACCESS_ID, SimulatedFarm.ACCESS_KEY)
        .withTiming(50, 30, 2).withFailingFrames(failingFrames));
    client = farm.client(options);
  }

  private void startFarm() {
    startFarm(Set.of(), ClientOptions.defaults().withRetries(3, 10, 50));
  }

  @AfterEach
  void stop() {
    farm.close();
  }

  @Test
  void aFreshRunCreatesAndSubmitsOnceAndFinishes() {
    startFarm();
    TestTaskContext context = context(render("1-4"), null);
    JsonObject result = run(context).await().json().orElseThrow();
    assertThat(result.getJsonObject("frames").getInteger("done")).isEqualTo(4);
    assertThat(context.progressReports()).last().isEqualTo(1.0);
    assertThat(RenderCheckpoint.fromJson(context.savedCheckpoint()).stage()).isEqualTo(Stage.SUBMITTED);
    assertCalls(1, 1);
  }

  @Test
  void aRestartAfterCreateUploadsAndSubmitsTheSameFarmTask() {
    startFarm();
    CreatedTasks created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    JsonObject result = run(context(render("1-3"), checkpoint(created, Stage.CREATED))).await().json().orElseThrow();
    assertThat(result.getLong("renderbusTaskId")).isEqualTo(id);
    assertThat(farm.simulator.taskIds()).containsExactly(id);
    assertThat(farm.simulator.uploadedTaskJson(id).orElseThrow().getJsonObject("task_info").getString("task_id"))
        .isEqualTo(Long.toString(id));
    assertCalls(1, 1); // the one create is the earlier run's
  }

  @Test
  void aRestartAfterCreateWhoseSubmitHadReachedTheFarmDoesNotSubmitAgain() {
    startFarm();
    CreatedTasks created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    client.uploadTaskJson(id, SimulatedFarm.stampedMaxScene(id, created.userId(), "1-2")).await();
    client.submitTask(id, null).await(); // the earlier run died before checkpointing SUBMITTED
    run(context(render("1-2"), checkpoint(created, Stage.CREATED))).await();
    assertCalls(1, 1);
  }

  @Test
  void aRestartAfterSubmitOnlyFollowsTheTask() {
    startFarm();
    CreatedTasks created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    client.uploadTaskJson(id, SimulatedFarm.stampedMaxScene(id, created.userId(), "1-2")).await();
    client.submitTask(id, null).await();
    JsonObject result = run(context(render("1-2"), checkpoint(created, Stage.SUBMITTED))).await().json().orElseThrow();
    assertThat(result.getJsonObject("frames").getInteger("done")).isEqualTo(2);
    assertCalls(1, 1);
    assertThat(farm.simulator.requests(Endpoint.TASK_JSON_FILE)).isEqualTo(1);
  }

  @Test
  void aCancelWhileSubmitIsOnTheWireStopsTheFarmTaskOnceItExists() throws Exception {
    startFarm();
    farm.simulator.inject(Endpoint.SUBMIT_TASK.seedPath(), Fault.DELAYED, 1);
    TestTaskContext context = context(render("1-200"), null);
    Future<TaskResult> outcome = run(context);
    while (farm.simulator.requests(Endpoint.SUBMIT_TASK) == 0) {
      Thread.sleep(5);
    }
    context.cancel(); // the farm has not yet acted on the submit: a stop now would find nothing to stop
    Throwable failure = outcome.transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).isInstanceOf(CancellationException.class);
    long id = farm.simulator.taskIds().get(0);
    assertThat(farm.simulator.task(id).orElseThrow().getInteger("taskStatus")).as("USER_STOP").isEqualTo(15);
    assertThat(farm.simulator.requests(Endpoint.STOP_TASK)).isEqualTo(1);
    assertThat(RenderCheckpoint.fromJson(context.savedCheckpoint()).stage()).isEqualTo(Stage.STOPPED);
  }

  @Test
  void aLayeredTaskReportsProgressFailedFramesAndOutputsOverItsLayers() {
    startFarm(Set.of(2), ClientOptions.defaults());
    JsonObject maya = new JsonObject()
        .put("task_info", new JsonObject().put("cg_id", "2000").put("input_cg_file", "D:/shot.mb").put("enable_layered", "1"))
        .put("software_config", new JsonObject().put("cg_name", "Maya").put("cg_version", "2022").put("plugins", new JsonObject()))
        .put("scene_info_render", new JsonObject()
            .put("beauty", new JsonObject().put("renderable", "1").put("common", new JsonObject().put("frames", "1-3")))
            .put("shadow", new JsonObject().put("renderable", "1").put("common", new JsonObject().put("frames", "1-2"))));
    TestTaskContext context = context(new JsonObject().put("taskJson", maya), null);
    JsonObject result = run(context).await().json().orElseThrow();

    assertThat(result.getString("status")).isEqualTo("FINISHED_HAS_FAILED");
    assertThat(result.getJsonObject("frames")).isEqualTo(new JsonObject().put("total", 5).put("done", 3).put("failed", 2).put("aborted", 0));
    JsonArray layers = result.getJsonArray("subTasks");
    assertThat(layers).hasSize(2);
    assertThat(result.getJsonArray("failedFrames").stream().map(f -> ((JsonObject) f).getString("frameIndex"))).containsExactly("2", "2");
    assertThat(result.getJsonArray("outputFiles").stream().map(f -> ((JsonObject) f).getString("fileName")))
        .filteredOn(name -> name.endsWith(".png")).hasSize(3);
    assertThat(context.progressReports()).anySatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
    long parent = result.getLong("renderbusTaskId");
    assertThat(client.subTaskIds(parent).await()).hasSize(2).doesNotContain(parent);
    assertThat(farm.simulator.task(parent).orElseThrow().getInteger("totalFrames")).as("the seed's layered parent").isZero();
  }

  @Test
  void aPollTheFarmKeepsRefusingFailsTheTaskAfterTheBoundWithTheFarmsMessage() {
    startFarm(Set.of(), ClientOptions.defaults().withRetries(1, 0, 0).withPath(Operation.QUERY_TASK_INFO, "/api/render/handle/queryTaskInfoGone"));
    long started = System.nanoTime();
    Throwable failure = run(context(render("1-3"), null)).transform(ar -> Future.succeededFuture(ar.cause())).await();
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(failure).isInstanceOf(TaskFailure.class).hasMessageContaining("refused every poll")
        .hasMessageContaining("no such API: /api/render/handle/queryTaskInfoGone");
    assertThat(((TaskFailure) failure).isRetryable()).isFalse();
    assertThat(seconds).as("bounded by refusedTimeoutMillis (0.5 s) plus a poll interval").isLessThan(5);
  }

  private Future<TaskResult> run(TestTaskContext context) {
    Promise<TaskResult> result = Promise.promise();
    farm.vertx.getOrCreateContext().runOnContext(v -> {
      RenderParams params = RenderParams.parse(context.params());
      RenderCheckpoint resumeFrom = context.checkpoint().map(RenderCheckpoint::fromJson).orElse(null);
      new RenderRun(context, params, client, new TaskPoller(farm.vertx, client, POLL), resumeFrom).start().onComplete(result);
    });
    return result.future();
  }

  private TestTaskContext context(JsonObject params, JsonObject checkpoint) {
    return new TestTaskContext(farm.vertx, params, checkpoint);
  }

  private JsonObject checkpoint(CreatedTasks created, Stage stage) {
    return new RenderCheckpoint(created.taskIds().get(0), created.aliases().get(0), created.userId(), "sim", stage).toJson();
  }

  private static JsonObject render(String frames) {
    return new JsonObject().put("taskJson", SimulatedFarm.maxScene("1")).put("frames", frames);
  }

  private void assertCalls(int creates, int submits) {
    assertThat(farm.simulator.requests(Endpoint.CREATE_TASK)).as("createTask calls").isEqualTo(creates);
    assertThat(farm.simulator.requests(Endpoint.SUBMIT_TASK)).as("submitTask calls").isEqualTo(submits);
  }
}
