package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.Operation;
import org.aips.plugins.rayvision.client.PathSet;
import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.rayvision.simulator.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator refuses what a drifting client would send: the seed's argument names (what this
 * client sent before), unknown keys, wrong types, missing required keys. Signed correctly, so
 * only the body is at fault.
 */
class StrictSimulatorTest {

  private static SimulatedFarm farm;
  private static RayvisionClientImpl client;

  @BeforeAll
  static void start() {
    farm = new SimulatedFarm();
    client = (RayvisionClientImpl) farm.client(ClientOptions.defaults().withRetries(1, 0, 0));
  }

  @AfterAll
  static void stop() {
    farm.close();
  }

  @Test
  void theSeedsArgumentNamesAreRefusedAsTheFarmWouldRefuseThem() {
    assertRefused(Operation.QUERY_TASK_INFO, new JsonObject().put("task_ids_list", new JsonArray().add(1)), 600, "task_ids_list");
    assertRefused(Operation.STOP_TASK, new JsonObject().put("task_param_list", new JsonArray().add(1)), 600, "task_param_list");
    assertRefused(Operation.CREATE_TASK, new JsonObject().put("count", 1).put("task_user_level", 50), 600, "task_user_level");
    assertRefused(Operation.UPLOAD_TASK_JSON, new JsonObject().put("taskId", 1).put("content", "{}"), 601, "fileName");
  }

  @Test
  void wrongTypesAndValuesAreRefused() {
    assertRefused(Operation.QUERY_TASK_INFO, new JsonObject().put("taskIds", new JsonArray().add("1")), 600, "taskIds");
    assertRefused(Operation.CREATE_TASK, new JsonObject().put("count", 1.0).put("taskUserLevel", 50), 600, "count");
    assertRefused(Operation.QUERY_ANALYSE_ERROR_DETAIL, new JsonObject().put("code", "1").put("codes", "1,2"), 600, "codes");
    assertRefused(Operation.UPLOAD_TASK_JSON, new JsonObject().put("taskId", 1).put("fileName", "scene.json").put("content", "{}"),
        600, "fileName");
    assertRefused(Operation.QUERY_USER_PROFILE, new JsonObject().put("userId", 1), 600, "userId");
  }

  @Test
  void missingRequiredKeysAreRefused() {
    assertRefused(Operation.CREATE_TASK, new JsonObject().put("count", 1), 601, "taskUserLevel");
    assertRefused(Operation.SET_TASK_OVERTIME_STOP, new JsonObject().put("taskIds", new JsonArray().add(1)), 601, "overTime");
    assertRefused(Operation.GET_OUTPUT_FILES, new JsonObject().put("taskId", 1), 601, "treePath");
  }

  @Test
  void theSdksCurrentPathsAreServedToo() {
    RayvisionClientImpl sdk = (RayvisionClientImpl) farm.client(ClientOptions.defaults().withPathSet(PathSet.SDK));
    long id = sdk.createTask(CreateTaskRequest.one()).await().taskIds().get(0);
    assertThat(sdk.taskInfo(List.of(id)).await()).singleElement().satisfies(t -> assertThat(t.id()).isEqualTo(id));
    assertThat(sdk.userSetting().await().taskOverTimeSec()).isEqualTo(3600);
    assertThat(farm.simulator.requests(Endpoint.CREATE_TASK.sdkPath())).isEqualTo(1);
    assertThat(farm.simulator.requests(Endpoint.QUERY_TASK_INFO.sdkPath())).isEqualTo(1);
    assertThat(farm.simulator.requests(Endpoint.QUERY_USER_SETTING.sdkPath())).isEqualTo(1);
    assertThat(Endpoint.QUERY_TASK_INFO.sdkPath()).isEqualTo(Operation.QUERY_TASK_INFO.path(PathSet.SDK))
        .isNotEqualTo(Operation.QUERY_TASK_INFO.path(PathSet.SEED));
    for (Operation op : Operation.values()) { // the client's two tables and the simulator's agree
      Endpoint endpoint = java.util.Arrays.stream(Endpoint.values()).filter(e -> e.sdkPath().equals(op.path(PathSet.SDK))).findFirst()
          .orElseThrow(() -> new AssertionError("simulator lacks " + op));
      assertThat(endpoint.seedPath()).as(op.name()).isEqualTo(op.path(PathSet.SEED));
    }
  }

  private static void assertRefused(Operation operation, JsonObject body, int code, String named) {
    Throwable failure = client.call(operation, body).transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).isInstanceOf(RayvisionException.class);
    assertThat(((RayvisionException) failure).code()).as(failure.getMessage()).isEqualTo(code);
    assertThat(failure.getMessage()).contains(named);
  }
}
