package org.aips.plugins.rayvision.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.spi.TaskFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The params of a {@code Render} task, checked again here (the server validates the schema too) so
 * that a bad value fails at once with a message naming the field.
 *
 * @param taskJson         the render job's {@code task.json} (scene description from a Renderbus analysis)
 * @param frames           frame range such as {@code "1-100[1]"}; written where the CG package keeps it (see {@link FarmTaskJson})
 * @param labels           labels on the farm task
 * @param priority         the farm's {@code task_user_level}: 50 normal, 60 high
 * @param hardwareConfigId machine configuration; written into {@code task_info.hardwareConfigId}
 * @param account          name of a configured account, the default one when null (never a key)
 * @param artist           producer shown on the farm
 * @param fullSpeed        ask the farm to render at full speed once submitted
 */
public record RenderParams(JsonObject taskJson, String frames, List<String> labels, Integer priority, Long hardwareConfigId,
                           String account, String artist, boolean fullSpeed) {

  static final Pattern FRAMES = Pattern.compile("\\s*-?\\d+(\\s*-\\s*-?\\d+(\\s*\\[\\s*\\d+\\s*])?)?\\s*(,\\s*-?\\d+(\\s*-\\s*-?\\d+(\\s*\\[\\s*\\d+\\s*])?)?\\s*)*");

  public static RenderParams parse(JsonObject params) {
    Object taskJson = params.getValue("taskJson");
    if (!(taskJson instanceof JsonObject json) || json.isEmpty()) {
      throw TaskFailure.permanent("params.taskJson must be the task.json content as a non-empty JSON object");
    }
    String frames = text(params, "frames");
    if (frames != null && !FRAMES.matcher(frames).matches()) {
      throw TaskFailure.permanent("params.frames must be a frame range such as \"1-100[1]\" or \"1,5,7-9\", got: " + frames);
    }
    Integer priority = params.getValue("priority") instanceof Number n ? n.intValue() : null;
    if (params.getValue("priority") != null && (priority == null || (priority != 50 && priority != 60))) {
      throw TaskFailure.permanent("params.priority must be 50 (normal) or 60 (high)");
    }
    Object hardware = params.getValue("hardwareConfigId");
    if (hardware != null && !(hardware instanceof Number)) {
      throw TaskFailure.permanent("params.hardwareConfigId must be an integer");
    }
    FarmTaskJson.validate(json, frames);
    return new RenderParams(json.copy(), frames, labels(params), priority, hardware == null ? null : ((Number) hardware).longValue(),
        text(params, "account"), text(params, "artist"), Boolean.TRUE.equals(params.getValue("fullSpeed")));
  }

  /** The task.json to upload: the given one checked, stamped with the farm task, frames and hardware filled in. */
  JsonObject taskJsonFor(FarmTaskJson.Stamp stamp) {
    return FarmTaskJson.prepare(taskJson, frames, hardwareConfigId, stamp);
  }

  public CreateTaskRequest createRequest() {
    return new CreateTaskRequest(1, null, priority, labels.isEmpty() ? null : labels, null, artist);
  }

  private static List<String> labels(JsonObject params) {
    Object value = params.getValue("labels");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(l -> l instanceof String)) {
      throw TaskFailure.permanent("params.labels must be a list of strings");
    }
    List<String> labels = new ArrayList<>();
    array.forEach(l -> labels.add((String) l));
    return List.copyOf(labels);
  }

  private static String text(JsonObject params, String key) {
    Object value = params.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw TaskFailure.permanent("params." + key + " must be a string");
    }
    return (String) value;
  }
}
