package org.aips.plugins.rayvision.client;

import io.vertx.core.Future;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.FrameSelection;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.TaskListQuery;
import org.aips.rayvision.simulator.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each body as it arrives at the farm, byte for byte, compared with what the Python SDK's
 * operators send for the same call ({@code json.dumps} of their dict: camelCase keys in the SDK's
 * order, defaults it always sends, optional keys left out, non-ASCII escaped).
 */
class WireFormatTest {

  private static SimulatedFarm farm;
  private static RayvisionClient client;
  private static long taskId;
  private static long userId;

  @BeforeAll
  static void start() {
    farm = new SimulatedFarm();
    client = farm.client();
    var created = client.createTask(CreateTaskRequest.one()).await();
    taskId = created.taskIds().get(0);
    userId = created.userId();
  }

  @AfterAll
  static void stop() {
    farm.close();
  }

  @Test
  void createTaskSendsCountAndLevelAlwaysAndTheRestOnlyWhenSet() {
    assertBody(Endpoint.CREATE_TASK, () -> client.createTask(CreateTaskRequest.one()), "{\"count\": 1, \"taskUserLevel\": 50}");
    assertBody(Endpoint.CREATE_TASK, () -> client.createTask(new CreateTaskRequest(2, 42L, 60, List.of("镜头", "b"), taskId, "ann")),
        "{\"count\": 2, \"taskUserLevel\": 60, \"outUserId\": 42, \"labels\": [\"\\u955c\\u5934\", \"b\"], \"cloneOriginalId\": "
            + taskId + ", \"artist\": \"ann\"}");
    assertBody(Endpoint.CREATE_TASK, () -> client.createTask(new CreateTaskRequest(null, null, null, List.of(), null, "")),
        "{\"count\": 1, \"taskUserLevel\": 50}");
  }

  @Test
  void uploadAndSubmitUseTaskIdAndFileName() {
    long id = client.createTask(CreateTaskRequest.one()).await().taskIds().get(0);
    client.uploadTaskJson(id, SimulatedFarm.stampedMaxScene(id, userId, "1")).await();
    String upload = farm.simulator.lastBody(Endpoint.TASK_JSON_FILE.seedPath()).orElseThrow();
    assertThat(upload).startsWith("{\"taskId\": " + id + ", \"fileName\": \"task.json\", \"content\": \"{\\\"task_info\\\": {");
    assertBody(Endpoint.SUBMIT_TASK, () -> client.submitTask(id, "张"), "{\"taskId\": " + id + ", \"producer\": \"\\u5f20\"}");
  }

  @Test
  void queriesSendTheSdksKeysAndDefaults() {
    assertBody(Endpoint.QUERY_TASK_INFO, () -> client.taskInfo(List.of(taskId)), "{\"taskIds\": [" + taskId + "]}");
    assertBody(Endpoint.GET_TASK_LIST, () -> client.taskList(TaskListQuery.page(1, 100)), "{\"pageNum\": 1, \"pageSize\": 100}");
    assertBody(Endpoint.GET_TASK_LIST, () -> client.taskList(new TaskListQuery(2, 5, List.of(0, 5), "shot", "2024-01-01 00:00:00",
            "2999-01-01 00:00:00", 0)),
        "{\"pageNum\": 2, \"pageSize\": 5, \"statusList\": [0, 5], \"searchKeyword\": \"shot\", \"startTime\": \"2024-01-01 00:00:00\", "
            + "\"endTime\": \"2999-01-01 00:00:00\"}");
    assertBody(Endpoint.QUERY_TASK_FRAMES, () -> client.taskFrames(FramesQuery.page(taskId, 1, 100)),
        "{\"taskId\": " + taskId + ", \"pageNum\": 1, \"pageSize\": 100}");
    assertBody(Endpoint.QUERY_ANALYSE_ERROR_DETAIL, () -> client.analyseErrorDetail("15000", null, 0),
        "{\"language\": 0, \"code\": \"15000\"}");
    assertBody(Endpoint.QUERY_ANALYSE_ERROR_DETAIL, () -> client.analyseErrorDetail(null, List.of("15000", "10010"), 1),
        "{\"language\": 1, \"codes\": [\"15000\", \"10010\"]}");
    assertBody(Endpoint.HARDWARE_CONFIG_LIST, () -> client.hardwareConfigs(null), "{\"cloneTask\": \"false\"}");
    assertBody(Endpoint.GET_OUTPUT_USER_DIR_FILE, () -> client.taskOutputFiles(taskId), "{\"treePath\": \"/\", \"taskId\": " + taskId + "}");
    assertBody(Endpoint.GET_OUTPUT_USER_DIR_FILE, () -> client.outputFiles("/a/b"), "{\"treePath\": \"/a/b\"}");
    assertBody(Endpoint.QUERY_USER_PROFILE, () -> client.userProfile(), "{}");
    assertBody(Endpoint.GET_SERVER_INFO, () -> client.raysyncServerInfo(), "{\"zone\": 1}"); // 127.0.0.1 is not a renderbus domain
    assertBody(Endpoint.QUERY_PLATFORMS, () -> client.platforms(), "{\"zone\": 2}");
  }

  @Test
  void taskAndFrameOperationsSendTaskIdsAndSelections() {
    assertBody(Endpoint.STOP_TASK, () -> client.stopTasks(List.of(taskId)), "{\"taskIds\": [" + taskId + "]}");
    assertBody(Endpoint.START_TASK, () -> client.startTasks(List.of(taskId)), "{\"taskIds\": [" + taskId + "]}");
    assertBody(Endpoint.FULL_SPEED_RENDERING, () -> client.fullSpeed(List.of(taskId)), "{\"taskIds\": [" + taskId + "]}");
    assertBody(Endpoint.RECOMMIT_FAIL_FRAME, () -> client.recommitFailedFrames(List.of(taskId), List.of(45)),
        "{\"taskIds\": [" + taskId + "], \"status\": [45]}");
    assertBody(Endpoint.RECOMMIT_TASK_FRAMES, () -> client.recommitFrames(FrameSelection.all(taskId, null)),
        "{\"taskId\": " + taskId + ", \"selectAll\": 1}");
    assertBody(Endpoint.RECOMMIT_TASK_FRAMES, () -> client.recommitFrames(FrameSelection.byIds(taskId, List.of(7L, 8L))),
        "{\"taskId\": " + taskId + ", \"ids\": [7, 8], \"selectAll\": 0}");
    assertBody(Endpoint.UPDATE_TASK_USER_LEVEL, () -> client.updatePriority(taskId, 60), "{\"taskId\": " + taskId + ", \"taskUserLevel\": 60}");
    assertBody(Endpoint.SET_TASK_OVERTIME_STOP, () -> client.setOverTimeStop(List.of(taskId), 1800),
        "{\"taskIds\": [" + taskId + "], \"overTime\": 1800}");
    assertBody(Endpoint.SHOW_LOG, () -> client.renderLog(5_000_001L, "render", 1, 1),
        "{\"renderingType\": \"render\", \"pageNum\": 1, \"pageSize\": 1, \"id\": 5000001}");
    assertBody(Endpoint.QUERY_SOFTWARE_DETAIL, () -> client.supportedPlugins(2000, "linux"), "{\"cgId\": 2000, \"osName\": \"linux\"}");
  }

  /** Calls, tolerating the farm's answer (some of these refer to frames that do not exist), and compares the raw body. */
  private static void assertBody(Endpoint endpoint, Supplier<Future<?>> call, String expected) {
    call.get().transform(ar -> Future.succeededFuture()).await();
    assertThat(farm.simulator.lastBody(endpoint.seedPath())).as(endpoint.name()).contains(expected);
  }
}
