package org.aips.plugins.vcs.task;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.analysis.Models;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compute task as the seed's create and modify requests define it, validated with messages a
 * client can act on. The seed's modify example leaves out {@code videoBeginTime}: a device
 * without one keeps the value it had (0 for a new device). Beyond the seed, {@code faceGroup} (and
 * {@code faceThreshold}) name a face group to identify the face events against.
 */
public record TaskSpec(String name, String execType, long execStartTime, String description, List<DeviceSpec> devices,
                       List<String> models, String clientName, FaceIdentification faceIdentification) {

  public static final String HISTORY_VIDEO_FILE = "historyVideoFile";

  public static TaskSpec parse(JsonObject body) {
    if (body == null) {
      throw VcsError.INVALID_PARAMETER.exception("the body must be a JSON object");
    }
    String name = text(body, "name", true);
    String execType = text(body, "execType", true);
    if (!HISTORY_VIDEO_FILE.equals(execType)) {
      throw VcsError.INVALID_PARAMETER.exception("execType must be \"" + HISTORY_VIDEO_FILE + "\", not \"" + execType + "\"");
    }
    Long start = number(body, "execStartTime");
    JsonObject datasources = body.getValue("datasources") instanceof JsonObject d ? d : null;
    JsonArray devicesJson = datasources == null || !(datasources.getValue("devices") instanceof JsonArray a) ? null : a;
    if (devicesJson == null || devicesJson.isEmpty()) {
      throw VcsError.INVALID_PARAMETER.exception("datasources.devices must list at least one device");
    }
    List<String> models = models(body.getValue("algorithms"));
    return new TaskSpec(name, execType, start, text(body, "description", false), devices(devicesJson), models,
        text(body, "clientName", false), faceIdentification(body, models));
  }

  private static FaceIdentification faceIdentification(JsonObject body, List<String> models) {
    String group = text(body, "faceGroup", false);
    Object threshold = body.getValue("faceThreshold");
    if (threshold != null && (!(threshold instanceof Number t) || !(t.doubleValue() > 0 && t.doubleValue() <= 1))) {
      throw VcsError.INVALID_PARAMETER.exception("faceThreshold must be a cosine similarity above 0 and at most 1");
    }
    if (group == null || group.isEmpty()) {
      if (threshold != null) {
        throw VcsError.INVALID_PARAMETER.exception("faceThreshold needs a faceGroup");
      }
      return null;
    }
    if (!models.contains(Models.FACE)) {
      throw VcsError.INVALID_PARAMETER.exception("faceGroup identifies face events: add the face model");
    }
    return new FaceIdentification(group, threshold == null ? FaceIdentification.DEFAULT_THRESHOLD : ((Number) threshold).doubleValue());
  }

  private static List<DeviceSpec> devices(JsonArray json) {
    List<DeviceSpec> devices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < json.size(); i++) {
      if (!(json.getValue(i) instanceof JsonObject device)) {
        throw VcsError.INVALID_PARAMETER.exception("datasources.devices[" + i + "] must be an object");
      }
      String id = text(device, "deviceId", true);
      if (!ids.add(id)) {
        throw VcsError.INVALID_PARAMETER.exception("deviceId " + id + " appears twice");
      }
      Long length = number(device, "videoTimeLength");
      if (length <= 0 || length > Integer.MAX_VALUE) {
        throw VcsError.INVALID_PARAMETER.exception("videoTimeLength of device " + id + " must be a positive number of seconds");
      }
      long begin = device.getValue("videoBeginTime") == null ? -1 : number(device, "videoBeginTime");
      devices.add(new DeviceSpec(id, text(device, "videoId", true), length.intValue(), begin));
    }
    return devices;
  }

  private static List<String> models(Object algorithms) {
    if (!(algorithms instanceof JsonArray list) || list.isEmpty()) {
      throw VcsError.INVALID_PARAMETER.exception("algorithms must list at least one entry with models");
    }
    Set<String> models = new LinkedHashSet<>();
    for (Object entry : list) {
      Object names = entry instanceof JsonObject o ? o.getValue("models") : null;
      if (!(names instanceof JsonArray array) || array.isEmpty()) {
        throw VcsError.INVALID_PARAMETER.exception("each algorithms entry needs a non-empty models list");
      }
      for (Object model : array) {
        if (!(model instanceof String m) || !Models.ALL.contains(m)) {
          throw VcsError.INVALID_PARAMETER.exception("unknown model " + model + ": models are " + String.join(", ", Models.ALL));
        }
        models.add(m);
      }
    }
    return List.copyOf(models);
  }

  private static String text(JsonObject json, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || (required && s.isBlank())) {
      throw VcsError.INVALID_PARAMETER.exception(field + " must be " + (required ? "a non-empty string" : "a string"));
    }
    return s;
  }

  private static Long number(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
      throw VcsError.INVALID_PARAMETER.exception(field + " must be a non-negative integer");
    }
    return n.longValue();
  }
}
