package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** The Raysync login of the account ({@code getRaySyncUserKey}); toString hides the keys. */
public record RaysyncUserKey(Long userId, String userName, Integer platform, Integer zone, String userKey, String raySyncUserKey) {

  public static RaysyncUserKey fromJson(JsonObject j) {
    return new RaysyncUserKey(Decode.longValue(j, "id"), Decode.text(j, "userName"), Decode.intValue(j, "platform"),
        Decode.intValue(j, "zone"), Decode.text(j, "userKey"), Decode.text(j, "raySyncUserKey"));
  }

  @Override
  public String toString() {
    return "RaysyncUserKey[userId=" + userId + ", userName=" + userName + ", platform=" + platform + ", zone=" + zone
        + ", userKey=***, raySyncUserKey=***]";
  }
}
