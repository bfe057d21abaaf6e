package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** Transfer BIDs of the account ({@code getPluginTransferBid}). */
public record TransferBid(String configBid, String inputBid, String outputBid, String parentInputBid,
                          List<SubUserOutputBid> subUserOutputBids) {

  public static TransferBid fromJson(JsonObject j) {
    return new TransferBid(Decode.text(j, "config_bid"), Decode.text(j, "input_bid"), Decode.text(j, "output_bid"),
        Decode.text(j, "parent_input_bid"), Decode.list(Decode.array(j, "sub_user_output_bids"), SubUserOutputBid::fromJson));
  }
}
