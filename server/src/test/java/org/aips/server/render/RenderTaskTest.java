package org.aips.server.render;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.rayvision.simulator.ContractPaths;
import org.aips.rayvision.simulator.RenderbusSimulator;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestNodeMain;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Render} task type of the rayvision plugin (loaded from its jar like any plugin) run
 * through the public AIPS API against the Renderbus simulator: a finished render, bad params, a
 * cancel that stops the farm task, and a kill -9 mid-render that resumes without a second submit.
 */
class RenderTaskTest {

  private static final String TOKEN = Tokens.valid("render");
  private static final String ACCESS_ID = "aips-test";
  private static final String ACCESS_KEY = "aips-test-secret-key";

  private Vertx vertx;
  private RenderbusSimulator farm;
  private AipsServer node;

  @BeforeEach
  void startFarm() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() {
    if (node != null) {
      node.close().await();
    }
    farm.close().await();
    vertx.close().await();
  }

  @Test
  void aRenderFinishesWithFrameStatisticsCostFailedFramesAndOutputFiles() {
    startFarm(100, 1, Set.of(3));
    node = TestNode.start(TestNode.config(TestNode.newDataDir("render"), pluginConfig()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      String code = api.submit(TOKEN, render("1-8", new JsonObject().put("labels", new JsonArray().add("aips")).put("priority", 60)
          .put("hardwareConfigId", 303))).getString("queryCode");
      JsonObject midway = api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") > 0.2, Duration.ofSeconds(20));
      assertThat(midway.getString("status")).isEqualTo("running");
      api.awaitStatus(TOKEN, code, "done");
      JsonObject result = api.get("/api/task-result/" + code, TOKEN).bodyAsJsonObject();

      assertThat(result.getString("status")).isEqualTo("FINISHED_HAS_FAILED");
      assertThat(result.getJsonObject("frames")).isEqualTo(new JsonObject().put("total", 8).put("done", 7).put("failed", 1).put("aborted", 0));
      assertThat(result.getJsonArray("failedFrames")).singleElement()
          .satisfies(f -> assertThat(((JsonObject) f).getString("frameIndex")).isEqualTo("3"));
      assertThat(result.getJsonObject("cost").getDouble("renderConsume")).isPositive();
      assertThat(result.getJsonArray("outputFiles").stream().map(f -> ((JsonObject) f).getString("fileName")))
          .filteredOn(name -> name.endsWith(".png")).hasSize(7);
      JsonObject remote = farm.task(result.getLong("renderbusTaskId")).orElseThrow();
      assertThat(remote.getJsonArray("labels")).containsExactly("aips");
      assertThat(remote.getInteger("taskUserLevel")).isEqualTo(60);
      assertThat(farm.requests(ContractPaths.SUBMIT_TASK)).isEqualTo(1);
    }
  }

  @Test
  void badParamsAreRefusedAtSubmissionAndAnUnknownAccountFailsTheTask() {
    startFarm(100, 2, Set.of());
    node = TestNode.start(TestNode.config(TestNode.newDataDir("render-bad"), pluginConfig()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      assertThat(errorCode(api.post("/api/task", TOKEN, new JsonObject().put("taskType", "Render")
          .put("params", new JsonObject().put("frames", "1-3"))), 400)).isEqualTo("INVALID_PARAMS");
      assertThat(errorCode(api.post("/api/task", TOKEN, render("one to three")), 400)).isEqualTo("INVALID_PARAMS");
      String code = api.submit(TOKEN, render("1", new JsonObject().put("account", "nobody"))).getString("queryCode");
      JsonObject failed = api.awaitStatus(TOKEN, code, "failed");
      assertThat(failed.encode()).contains("unknown Rayvision account 'nobody'").doesNotContain(ACCESS_KEY);
      assertThat(farm.taskIds()).isEmpty();
    }
  }

  @Test
  void aBadPluginConfigurationLeavesRenderOutAndTheNodeUp() {
    startFarm(100, 2, Set.of());
    JsonObject broken = pluginConfig();
    broken.getJsonObject("plugins").getJsonObject("config").getJsonObject("rayvision").getJsonObject("accounts")
        .getJsonObject("sim").remove("accessId");
    node = TestNode.start(TestNode.config(TestNode.newDataDir("render-broken"), broken));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      assertThat(errorCode(api.post("/api/task", TOKEN, render("1")), 400)).isEqualTo("UNKNOWN_TASK_TYPE");
      assertThat(api.submit(TOKEN, new JsonObject().put("taskType", "Noop")).getString("queryCode")).isNotBlank();
    }
  }

  @Test
  void cancellingARenderStopsTheFarmTask() {
    startFarm(100, 1, Set.of());
    node = TestNode.start(TestNode.config(TestNode.newDataDir("render-cancel"), pluginConfig()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      String code = api.submit(TOKEN, render("1-500")).getString("queryCode");
      api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") > 0, Duration.ofSeconds(20));
      assertThat(ApiClient.data(api.post("/api/task/" + code + "/cancel", TOKEN, new JsonObject())).getString("status"))
          .isEqualTo("cancelled");
      long remoteId = farm.taskIds().get(0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (farm.task(remoteId).orElseThrow().getInteger("taskStatus") != 15 && System.nanoTime() < deadline) {
        ApiClient.sleep(50);
      }
      assertThat(farm.task(remoteId).orElseThrow().getInteger("taskStatus")).as("USER_STOP on the farm").isEqualTo(15);
      assertThat(farm.requests(ContractPaths.STOP_TASK)).isEqualTo(1);
    }
  }

  @Test
  void aKillNineMidRenderResumesThePollWithoutSubmittingTwice() throws Exception {
    startFarm(200, 1, Set.of());
    Path dataDir = TestNode.newDataDir("render-crash");
    TestNodeMain.ChildNode child = TestNodeMain.launch(TestNode.configFile(dataDir, pluginConfig()));
    String code;
    double beforeKill;
    try (ApiClient api = new ApiClient(vertx, child.port())) {
      code = api.submit(TOKEN, render("1-30")).getString("queryCode");
      beforeKill = api.awaitQuery(TOKEN, code, t -> t.getDouble("proccessing") >= 0.1, Duration.ofSeconds(30)).getDouble("proccessing");
    }
    child.process().destroyForcibly();
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    node = TestNode.start(TestNode.config(dataDir, pluginConfig()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      JsonObject resumed = api.awaitQuery(TOKEN, code, t -> t.getInteger("attempts", 1) == 2 && t.getDouble("proccessing") > beforeKill
          || "done".equals(t.getString("status")), Duration.ofSeconds(30));
      assertThat(resumed.getDouble("proccessing")).as("progress continues from where it was").isGreaterThan(beforeKill);
      JsonObject done = api.awaitStatus(TOKEN, code, "done");
      assertThat(done.getInteger("attempts")).isEqualTo(2);
      JsonObject result = api.get("/api/task-result/" + code, TOKEN).bodyAsJsonObject();
      assertThat(result.getJsonObject("frames").getInteger("done")).isEqualTo(30);
      assertThat(farm.requests(ContractPaths.CREATE_TASK)).as("one farm task").isEqualTo(1);
      assertThat(farm.requests(ContractPaths.SUBMIT_TASK)).as("submitted once").isEqualTo(1);
    }
  }

  @Test
  void twoHundredRendersShareOnePollerOfTheAccount() {
    int renders = 200;
    startFarm(200, 2, Set.of());
    node = TestNode.start(TestNode.config(TestNode.newDataDir("render-many"), pluginConfig()));
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      long started = System.nanoTime();
      java.util.List<String> codes = new java.util.ArrayList<>();
      for (int i = 0; i < renders; i++) {
        codes.add(api.submit(TOKEN, render("1-6")).getString("queryCode"));
      }
      codes.forEach(code -> api.awaitStatus(TOKEN, code, "done"));
      double seconds = (System.nanoTime() - started) / 1e9;
      int polls = farm.requests(ContractPaths.QUERY_TASK_INFO);
      System.out.printf("RenderTaskTest: %d Render tasks done in %.1f s; the farm saw %d queryTaskInfo calls (%.2f/s, limit 20/s), "
          + "%d createTask and %d submitTask%n", renders, seconds, polls, polls / seconds, farm.requests(ContractPaths.CREATE_TASK),
          farm.requests(ContractPaths.SUBMIT_TASK));
      assertThat(farm.requests(ContractPaths.SUBMIT_TASK)).isEqualTo(renders);
      assertThat(polls).as("batched: far fewer calls than tasks").isLessThan(renders);
      assertThat(polls / seconds).isLessThanOrEqualTo(20 * 1.05);
    }
  }

  private void startFarm(long frameMillis, int parallelFrames, Set<Integer> failingFrames) {
    farm = RenderbusSimulator.start(vertx, SimulatorOptions.defaults(ACCESS_ID, ACCESS_KEY)
        .withTiming(200, frameMillis, parallelFrames).withFailingFrames(failingFrames)).await();
  }

  private JsonObject pluginConfig() {
    JsonObject account = new JsonObject().put("domain", "127.0.0.1:" + farm.port()).put("platform", "2")
        .put("accessId", ACCESS_ID).put("accessKey", ACCESS_KEY).put("tls", false);
    JsonObject rayvision = new JsonObject().put("accounts", new JsonObject().put("sim", account))
        .put("poll", new JsonObject().put("minIntervalMillis", 200).put("maxIntervalMillis", 1_000).put("maxRequestsPerSecond", 20));
    return new JsonObject().put("plugins", new JsonObject().put("config", new JsonObject().put("rayvision", rayvision)));
  }

  private static JsonObject render(String frames) {
    return render(frames, new JsonObject());
  }

  /** A 3ds Max task.json of the shape its analysis writes; the plugin stamps it with the farm's ids. */
  private static JsonObject render(String frames, JsonObject moreParams) {
    JsonObject taskJson = new JsonObject()
        .put("task_info", new JsonObject().put("input_cg_file", "D:/scenes/shot.max").put("cg_id", "2001"))
        .put("software_config", new JsonObject().put("cg_name", "3ds Max").put("cg_version", "2018").put("plugins", new JsonObject()))
        .put("scene_info_render", new JsonObject().put("common", new JsonObject().put("frames", "1")));
    JsonObject params = new JsonObject().put("taskJson", taskJson).put("frames", frames).mergeIn(moreParams);
    return new JsonObject().put("taskType", "Render").put("params", params);
  }
}
