package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** A machine configuration tasks can render on ({@code hardwareConfig/list}); type 1 CPU, 2 GPU. */
public record HardwareConfig(long id, Integer type, String model, String ram, String gpuNum, Integer platform,
                             boolean current, List<Integer> notSupportedCgIds, boolean enabled) {

  public static HardwareConfig fromJson(JsonObject j) {
    List<Integer> unsupported = new ArrayList<>();
    if (Decode.array(j, "notSupportCgId") != null) {
      Decode.array(j, "notSupportCgId").forEach(id -> unsupported.add(Integer.parseInt(id.toString())));
    }
    return new HardwareConfig(Decode.longValue(j, "id"), Decode.intValue(j, "type"), Decode.text(j, "model"),
        Decode.text(j, "ram"), Decode.text(j, "gpuNum"), Decode.intValue(j, "platform"),
        Boolean.TRUE.equals(Decode.bool(j, "current")), List.copyOf(unsupported), Decode.intOr(j, "status", 0) == 1);
  }
}
