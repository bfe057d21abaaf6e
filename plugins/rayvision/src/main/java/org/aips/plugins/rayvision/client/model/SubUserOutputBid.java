package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** The output transfer BID of a sub-account. */
public record SubUserOutputBid(String userId, String outputBid) {

  public static SubUserOutputBid fromJson(JsonObject j) {
    return new SubUserOutputBid(Decode.text(j, "userId"), Decode.text(j, "outputBid"));
  }
}
