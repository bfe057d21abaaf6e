package org.aips.plugins.rayvision.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.junit.jupiter.api.Test;

import static org.aips.plugins.rayvision.render.RenderParamsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** task.json checked and stamped as the SDK's RayvisionCheck does, frames where each CG package keeps them. */
class FarmTaskJsonTest {

  private static final FarmTaskJson.Stamp STAMP = new FarmTaskJson.Stamp(77L, 88L, "2");

  @Test
  void mayaFramesGoIntoEveryRenderLayer() {
    JsonObject maya = scene("2000", "Maya", "2022", new JsonObject()
        .put("defaultRenderLayer", new JsonObject().put("renderable", "1").put("common", new JsonObject().put("frames", "1-10[1]")))
        .put("mut", new JsonObject().put("renderable", "1").put("common", new JsonObject().put("frames", "1-10[1]"))));
    JsonObject render = FarmTaskJson.prepare(maya, "5-6", null, STAMP).getJsonObject("scene_info_render");
    assertThat(render.getJsonObject("defaultRenderLayer").getJsonObject("common").getString("frames")).isEqualTo("5-6");
    assertThat(render.getJsonObject("mut").getJsonObject("common").getString("frames")).isEqualTo("5-6");
  }

  @Test
  void houdiniFramesGoIntoEveryRopNode() {
    JsonObject houdini = scene("2004", "Houdini", "19.0", new JsonObject().put("rop_node", new JsonArray()
        .add(new JsonObject().put("node", "/out/mantra1").put("frames", "1-10[1]").put("render", "1"))));
    JsonObject render = FarmTaskJson.prepare(houdini, "3", null, STAMP).getJsonObject("scene_info_render");
    assertThat(render.getJsonArray("rop_node").getJsonObject(0).getString("frames")).isEqualTo("3");
  }

  @Test
  void sceneInfoStandsInForAMissingSceneInfoRenderAndNumbersBecomeStrings() {
    JsonObject c4d = scene("2005", "CINEMA 4D", "R22", null);
    c4d.put("scene_info", new JsonObject().put("common", new JsonObject().put("frames", "0-333[1]")));
    c4d.getJsonObject("task_info").put("cg_id", 2005).put("ram", 128).put("time_out", 43200);
    JsonObject prepared = FarmTaskJson.prepare(c4d, "1-2", 301L, STAMP);
    assertThat(prepared.getJsonObject("scene_info_render").getJsonObject("common").getString("frames")).isEqualTo("1-2");
    JsonObject info = prepared.getJsonObject("task_info");
    assertThat(info.getValue("cg_id")).isEqualTo("2005");
    assertThat(info.getValue("ram")).isEqualTo("128");
    assertThat(info.getValue("time_out")).isEqualTo("43200");
    assertThat(info.getValue("hardwareConfigId")).isEqualTo("301");
    assertThat(info.getValue("task_id")).isEqualTo("77");
  }

  @Test
  void whatTheFarmCannotRenderIsRefusedBeforeAnythingIsCreated() {
    JsonObject noCg = SimulatedFarm.maxScene("1");
    noCg.getJsonObject("task_info").remove("cg_id");
    assertRefused(params(noCg), "task_info.cg_id is required");
    JsonObject unknownCg = SimulatedFarm.maxScene("1");
    unknownCg.getJsonObject("task_info").put("cg_id", "9999");
    assertRefused(params(unknownCg), "cg_id 9999 is not a Renderbus CG id");
    JsonObject noSoftware = SimulatedFarm.maxScene("1");
    noSoftware.remove("software_config");
    assertRefused(params(noSoftware), "software_config is required");
    JsonObject noScene = SimulatedFarm.maxScene("1");
    noScene.remove("scene_info_render");
    assertRefused(params(noScene), "scene_info_render (or scene_info) is required");
    JsonObject project = SimulatedFarm.maxScene("1");
    project.getJsonObject("task_info").put("project_name", "Film");
    assertRefused(params(project), "task_info.project_id is required");
    JsonObject mayaWithoutLayers = scene("2000", "Maya", "2022", new JsonObject());
    assertRefused(params(mayaWithoutLayers).put("frames", "1"), "render layers");
    JsonObject katana = scene("2016", "Katana", "4.0", new JsonObject());
    assertRefused(params(katana).put("frames", "1"), "params.frames is not supported for Katana");
  }

  private static JsonObject params(JsonObject taskJson) {
    return new JsonObject().put("taskJson", taskJson);
  }

  private static JsonObject scene(String cgId, String cgName, String version, JsonObject render) {
    JsonObject json = new JsonObject()
        .put("task_info", new JsonObject().put("cg_id", cgId).put("input_cg_file", "D:/scene"))
        .put("software_config", new JsonObject().put("cg_name", cgName).put("cg_version", version).put("plugins", new JsonObject()));
    if (render != null) {
      json.put("scene_info_render", render);
    }
    return json;
  }
}
