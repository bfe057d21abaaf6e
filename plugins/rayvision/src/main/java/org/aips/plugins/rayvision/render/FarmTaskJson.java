package org.aips.plugins.rayvision.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task.json the farm reads, checked and stamped as the SDK's {@code RayvisionCheck} does before
 * upload: the sections it needs, the farm task and user ids and the project id written into
 * {@code task_info} as strings, numbers of the settable {@code task_info} fields as strings, and
 * the frame range where each CG package's analysis keeps it.
 */
final class FarmTaskJson {

  /** cg_id → software, as the SDK's {@code DCC_ID_MAPPINGS}. */
  static final Map<String, String> CG_NAMES = Map.ofEntries(Map.entry("2000", "Maya"), Map.entry("2001", "3ds Max"),
      Map.entry("2002", "LightWave"), Map.entry("2003", "Arnold"), Map.entry("2004", "Houdini"), Map.entry("2005", "Cinema 4D"),
      Map.entry("2006", "Softimage"), Map.entry("2007", "Blender"), Map.entry("2008", "V-Ray Standalone"),
      Map.entry("2009", "Mental Ray Standalone"), Map.entry("2010", "SketchUp"), Map.entry("2011", "Vue"),
      Map.entry("2012", "KeyShot"), Map.entry("2013", "Clarisse"), Map.entry("2014", "Octane Render"), Map.entry("2016", "Katana"));

  /** The SDK's {@code MODIFIABLE_PARAM}: fields it rewrites as strings. */
  private static final Set<String> STRING_FIELDS = Set.of("pre_frames", "input_cg_file", "frames_per_task", "test_frames",
      "job_stop_time", "task_stop_time", "time_out", "stop_after_test", "tiles_type", "tiles", "is_layer_rendering",
      "is_distribute_render", "distribute_render_node", "input_project_path", "render_layer_type", "os_name", "ram", "enable_layered");

  private static final Set<String> COMMON_FRAMES = Set.of("2001", "2005", "2007"); // 3ds Max, Cinema 4D, Blender
  private static final String MAYA = "2000";
  private static final String HOUDINI = "2004";

  /** What the farm task is, once created. */
  record Stamp(long taskId, long userId, String platform) {
  }

  private FarmTaskJson() {
  }

  /** Refuses a task.json the farm could not render, naming the field; {@code frames} must fit its CG package. */
  static void validate(JsonObject taskJson, String frames) {
    JsonObject info = section(taskJson, "task_info");
    String cgId = text(info.getValue("cg_id"));
    if (cgId == null || cgId.isEmpty()) {
      throw refuse("task_info.cg_id is required (2000 Maya, 2001 3ds Max, 2004 Houdini, ...)");
    }
    if (!CG_NAMES.containsKey(cgId)) {
      throw refuse("task_info.cg_id " + cgId + " is not a Renderbus CG id; known: " + new java.util.TreeMap<>(CG_NAMES));
    }
    if (text(info.getValue("input_cg_file")) == null) {
      throw refuse("task_info.input_cg_file (the scene file) is required");
    }
    JsonObject software = section(taskJson, "software_config");
    for (String field : List.of("cg_name", "cg_version")) {
      if (text(software.getValue(field)) == null) {
        throw refuse("software_config." + field + " is required");
      }
    }
    if (!(software.getValue("plugins") instanceof JsonObject)) {
      throw refuse("software_config.plugins must be an object ({} when the scene uses none)");
    }
    if (!(taskJson.getValue("scene_info_render") instanceof JsonObject) && !(taskJson.getValue("scene_info") instanceof JsonObject)) {
      throw refuse("scene_info_render (or scene_info) is required: the scene's render settings from its analysis");
    }
    String projectName = text(info.getValue("project_name"));
    if (projectName != null && !projectName.isEmpty() && text(info.getValue("project_id")) == null) {
      throw refuse("task_info.project_id is required with project_name \"" + projectName + "\" (the farm files tasks by project id)");
    }
    if (frames != null) {
      frameHolders(sceneInfoRender(taskJson.copy()), cgId);
    }
  }

  /** A copy of {@code taskJson} ready for upload. */
  static JsonObject prepare(JsonObject taskJson, String frames, Long hardwareConfigId, Stamp stamp) {
    validate(taskJson, frames);
    JsonObject json = taskJson.copy();
    JsonObject render = sceneInfoRender(json);
    JsonObject info = json.getJsonObject("task_info");
    info.put("task_id", Long.toString(stamp.taskId()));
    info.put("user_id", Long.toString(stamp.userId()));
    if (text(info.getValue("project_id")) == null || text(info.getValue("project_id")).isEmpty()) {
      info.put("project_id", "0");
    }
    if (text(info.getValue("platform")) == null) {
      info.put("platform", stamp.platform());
    }
    info.put("cg_id", text(info.getValue("cg_id")));
    for (String field : STRING_FIELDS) {
      if (info.getValue(field) instanceof Number n) {
        info.put(field, text(n));
      }
    }
    if (hardwareConfigId != null) {
      info.put("hardwareConfigId", hardwareConfigId.toString());
    }
    if (frames != null) {
      frameHolders(render, info.getString("cg_id")).forEach(holder -> holder.put("frames", frames));
    }
    return json;
  }

  /** check.py renders from scene_info_render, falling back to scene_info. */
  private static JsonObject sceneInfoRender(JsonObject json) {
    if (!(json.getValue("scene_info_render") instanceof JsonObject) && json.getValue("scene_info") instanceof JsonObject scene) {
      json.put("scene_info_render", scene.copy());
    }
    return json.getJsonObject("scene_info_render");
  }

  /** The objects whose "frames" field the farm renders: per layer (Maya), per ROP node (Houdini), or "common". */
  private static List<JsonObject> frameHolders(JsonObject render, String cgId) {
    List<JsonObject> holders = new ArrayList<>();
    if (COMMON_FRAMES.contains(cgId)) {
      if (!(render.getValue("common") instanceof JsonObject)) {
        render.put("common", new JsonObject());
      }
      holders.add(render.getJsonObject("common"));
    } else if (MAYA.equals(cgId)) {
      render.forEach(layer -> {
        if (layer.getValue() instanceof JsonObject l && l.getValue("common") instanceof JsonObject common) {
          holders.add(common);
        }
      });
      if (holders.isEmpty()) {
        throw refuse("a Maya task.json needs its render layers in scene_info_render (<layer>.common) to take params.frames");
      }
    } else if (HOUDINI.equals(cgId)) {
      if (render.getValue("rop_node") instanceof JsonArray nodes) {
        nodes.forEach(node -> {
          if (node instanceof JsonObject n) {
            holders.add(n);
          }
        });
      }
      if (holders.isEmpty()) {
        throw refuse("a Houdini task.json needs scene_info_render.rop_node to take params.frames");
      }
    } else {
      throw refuse("params.frames is not supported for " + CG_NAMES.get(cgId) + " (cg_id " + cgId
          + "): write the range into taskJson as its analysis does");
    }
    return holders;
  }

  private static JsonObject section(JsonObject json, String name) {
    if (!(json.getValue(name) instanceof JsonObject section)) {
      throw refuse(name + " is required and must be an object");
    }
    return section;
  }

  private static String text(Object value) {
    if (value instanceof Number n) {
      return n.toString();
    }
    return value instanceof String s ? s : null;
  }

  private static TaskFailure refuse(String message) {
    return TaskFailure.permanent("params.taskJson: " + message);
  }
}
