package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The CG software the farm renders ({@code querySoftwareList}). */
public record SupportedSoftware(Integer isAutoCommit, Integer defaultCgId, List<Software> software) {

  /** One CG package: its {@code cgId} (2000 Maya, 2001 3ds Max, ...) and the scene file types it takes. */
  public record Software(int cgId, String cgName, String cgType, Integer isNeedProjectPath, Integer isNeedAnalyse,
                         Integer isSupportLinux) {

    static Software fromJson(JsonObject j) {
      return new Software(Decode.intOr(j, "cgId", 0), Decode.text(j, "cgName"), Decode.text(j, "cgType"),
          Decode.intValue(j, "isNeedProjectPath"), Decode.intValue(j, "isNeedAnalyse"), Decode.intValue(j, "isSupportLinux"));
    }
  }

  public static SupportedSoftware fromJson(JsonObject j) {
    return new SupportedSoftware(Decode.intValue(j, "isAutoCommit"), Decode.intValue(j, "defaultCgId"),
        Decode.list(Decode.array(j, "renderInfoList"), Software::fromJson));
  }
}
