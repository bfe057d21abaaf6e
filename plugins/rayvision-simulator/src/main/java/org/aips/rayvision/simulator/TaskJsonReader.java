package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uploaded task.json as the farm would: the stamp it must carry (task and user id), the
 * scene, and the frames to render per layer. Maya keeps frames per render layer
 * ({@code scene_info_render.<layer>.common.frames}) and, with {@code enable_layered} "1", renders
 * each layer as a sub-task; Houdini per ROP node ({@code rop_node[].frames}); 3ds Max, Cinema 4D
 * and Blender in {@code scene_info_render.common.frames}.
 */
final class TaskJsonReader {

  record Layer(String name, String frames) {
  }

  private TaskJsonReader() {
  }

  /** 600 unless task_info carries the farm's ids as strings, as the SDK's check stamps them. */
  static void checkStamp(JsonObject taskJson, long taskId, long userId) {
    JsonObject info = taskJson.getValue("task_info") instanceof JsonObject i ? i : null;
    if (info == null) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "task.json has no task_info");
    }
    expect(info, "task_id", Long.toString(taskId));
    expect(info, "user_id", Long.toString(userId));
    if (!(info.getValue("cg_id") instanceof String)) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "task.json task_info.cg_id must be a string such as \"2001\"");
    }
  }

  static String sceneName(JsonObject taskJson) {
    String file = String.valueOf(taskJson.getJsonObject("task_info").getValue("input_cg_file", "scene"));
    return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  }

  static String cgId(JsonObject taskJson) {
    return taskJson.getJsonObject("task_info").getString("cg_id");
  }

  static boolean layered(JsonObject taskJson) {
    return "2000".equals(cgId(taskJson)) && "1".equals(taskJson.getJsonObject("task_info").getValue("enable_layered"))
        && layers(taskJson).size() > 1;
  }

  /** The frames of each renderable layer (one unnamed layer for software without layers). */
  static List<Layer> layers(JsonObject taskJson) {
    JsonObject render = taskJson.getValue("scene_info_render") instanceof JsonObject r ? r
        : taskJson.getValue("scene_info") instanceof JsonObject s ? s : new JsonObject();
    List<Layer> layers = new ArrayList<>();
    switch (cgId(taskJson)) {
      case "2000" -> render.forEach(e -> {
        if (e.getValue() instanceof JsonObject layer && layer.getValue("common") instanceof JsonObject common
            && !"0".equals(layer.getValue("renderable"))) {
          layers.add(new Layer(e.getKey(), frames(common)));
        }
      });
      case "2004" -> {
        if (render.getValue("rop_node") instanceof JsonArray nodes) {
          nodes.forEach(n -> {
            if (n instanceof JsonObject node && !"0".equals(node.getValue("render"))) {
              layers.add(new Layer(String.valueOf(node.getValue("node")), frames(node)));
            }
          });
        }
      }
      default -> layers.add(new Layer("", render.getValue("common") instanceof JsonObject c ? frames(c) : "1"));
    }
    if (layers.isEmpty()) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "task.json names no frames to render");
    }
    return layers;
  }

  private static String frames(JsonObject holder) {
    return String.valueOf(holder.getValue("frames", "1"));
  }

  private static void expect(JsonObject info, String field, String expected) {
    if (!expected.equals(info.getValue(field))) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "task.json task_info." + field + " must be \"" + expected + "\", got: "
          + info.getValue(field));
    }
  }
}
