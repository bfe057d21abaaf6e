package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** Transfer engines, lines and BIDs ({@code getConfig}). Engine account passwords are never shown by toString. */
public record TransferConfig(String inputBid, String outputBid, String configBid, String parentInputBid,
                             List<Engine> engines, List<SubUserOutputBid> subUserOutputBids) {

  public record Engine(String engineName, String checkServer, String checkPort, String checkEnable, String checkExcludType,
                       Integer automaticCheck, Integer isDefault, List<EngineAccount> accounts, List<Line> lines) {

    static Engine fromJson(JsonObject j) {
      return new Engine(Decode.text(j, "engineName"), Decode.text(j, "checkServer"), Decode.text(j, "checkPort"),
          Decode.text(j, "checkEnable"), Decode.text(j, "checkExcludType"), Decode.intValue(j, "automaticCheck"),
          Decode.intValue(j, "isDefault"), Decode.list(Decode.array(j, "resqEngineAccounts"), EngineAccount::fromJson),
          Decode.list(Decode.array(j, "respTaskEngineLines"), Line::fromJson));
    }
  }

  public record EngineAccount(String bid, String name, String password) {

    static EngineAccount fromJson(JsonObject j) {
      return new EngineAccount(Decode.text(j, "bid"), Decode.text(j, "name"), Decode.text(j, "password"));
    }

    @Override
    public String toString() {
      return "EngineAccount[bid=" + bid + ", name=" + name + ", password=***]";
    }
  }

  public record Line(String name, String server, String port, Integer isDefault, Long lineId, Integer type) {

    static Line fromJson(JsonObject j) {
      return new Line(Decode.text(j, "name"), Decode.text(j, "server"), Decode.text(j, "port"), Decode.intValue(j, "isDefault"),
          Decode.longValue(j, "lineId"), Decode.intValue(j, "type"));
    }
  }

  public static TransferConfig fromJson(JsonObject j) {
    return new TransferConfig(Decode.text(j, "inputBid"), Decode.text(j, "outputBid"), Decode.text(j, "configBid"),
        Decode.text(j, "parentInputBid"), Decode.list(Decode.array(j, "resqEngines"), Engine::fromJson),
        Decode.list(Decode.array(j, "subUserOutputBids"), SubUserOutputBid::fromJson));
  }
}
