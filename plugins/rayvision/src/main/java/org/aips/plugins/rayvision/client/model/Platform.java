package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** A render platform the account may submit to ({@code queryPlatforms}); {@code name} is a message key such as {@code query_platform_w2}. */
public record Platform(int platform, String name) {

  public static Platform fromJson(JsonObject j) {
    return new Platform(Decode.intOr(j, "platform", 0), Decode.text(j, "name"));
  }
}
