package org.aips.plugins.rayvision.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.spi.TaskFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderParamsTest {

  private static final JsonObject TASK_JSON = SimulatedFarm.maxScene("1");
  private static final FarmTaskJson.Stamp STAMP = new FarmTaskJson.Stamp(1_000_001L, 10_000_001L, "2");

  @Test
  void frameRangeHardwareAndTheFarmsStampGoIntoTheUploadedTaskJson() {
    RenderParams params = RenderParams.parse(new JsonObject().put("taskJson", TASK_JSON).put("frames", "1-10[2]")
        .put("hardwareConfigId", 303).put("labels", new JsonArray().add("x")).put("priority", 60));
    JsonObject uploaded = params.taskJsonFor(STAMP);
    assertThat(uploaded.getJsonObject("scene_info_render").getJsonObject("common").getString("frames")).isEqualTo("1-10[2]");
    JsonObject info = uploaded.getJsonObject("task_info");
    assertThat(info.getString("hardwareConfigId")).isEqualTo("303");
    assertThat(info.getString("task_id")).isEqualTo("1000001");
    assertThat(info.getString("user_id")).isEqualTo("10000001");
    assertThat(info.getString("project_id")).isEqualTo("0");
    assertThat(info.getString("platform")).isEqualTo("2");
    assertThat(info.getString("input_cg_file")).isEqualTo("D:/scenes/shot.max");
    assertThat(TASK_JSON.getJsonObject("task_info").containsKey("task_id")).as("the params are not changed").isFalse();
    assertThat(params.createRequest().taskUserLevel()).isEqualTo(60);
    assertThat(params.createRequest().labels()).containsExactly("x");
  }

  @Test
  void badParamsFailPermanentlyNamingTheField() {
    assertRefused(new JsonObject(), "params.taskJson");
    assertRefused(new JsonObject().put("taskJson", "{}"), "params.taskJson");
    assertRefused(new JsonObject().put("taskJson", TASK_JSON).put("frames", "1 to 9"), "params.frames");
    assertRefused(new JsonObject().put("taskJson", TASK_JSON).put("priority", 70), "params.priority");
    assertRefused(new JsonObject().put("taskJson", TASK_JSON).put("labels", new JsonArray().add(1)), "params.labels");
    assertRefused(new JsonObject().put("taskJson", TASK_JSON).put("account", 5), "params.account");
    assertRefused(new JsonObject().put("taskJson", TASK_JSON).put("hardwareConfigId", "big"), "params.hardwareConfigId");
  }

  @Test
  void frameCountFeedsTheEstimate() {
    assertThat(FrameCount.of("1-100[1]")).isEqualTo(100);
    assertThat(FrameCount.of("1-10[2]")).isEqualTo(5);
    assertThat(FrameCount.of("1,5,7-9")).isEqualTo(5);
    assertThat(FrameCount.of("nonsense")).isEqualTo(1);
  }

  static void assertRefused(JsonObject params, String field) {
    assertThatThrownBy(() -> RenderParams.parse(params)).isInstanceOf(TaskFailure.class).hasMessageContaining(field)
        .satisfies(e -> assertThat(((TaskFailure) e).isRetryable()).isFalse());
  }
}
