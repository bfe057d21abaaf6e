package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** The account's render settings ({@code queryUserSetting}). */
public record UserSetting(Integer shareMainCapital, Integer subDeleteTask, Integer useMainBalance, String singleNodeRenderFrames,
                          String maxIgnoreMapFlag, String autoCommit, Integer separateAccountFlag, Integer downloadDisable,
                          Integer taskOverTime, Integer taskOverTimeSec) {

  public static UserSetting fromJson(JsonObject j) {
    return new UserSetting(Decode.intValue(j, "shareMainCapital"), Decode.intValue(j, "subDeleteTask"),
        Decode.intValue(j, "useMainBalance"), Decode.text(j, "singleNodeRenderFrames"), Decode.text(j, "maxIgnoreMapFlag"),
        Decode.text(j, "autoCommit"), Decode.intValue(j, "separateAccountFlag"), Decode.intValue(j, "downloadDisable"),
        Decode.intValue(j, "taskOverTime"), Decode.intValue(j, "taskOverTimeSec"));
  }
}
