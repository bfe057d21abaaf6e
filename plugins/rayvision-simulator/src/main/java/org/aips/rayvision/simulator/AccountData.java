package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/** The account-level answers of the contract, with plainly simulated values (no real hosts or keys). */
final class AccountData {

  private AccountData() {
  }

  static JsonObject profile(String accessId) {
    return new JsonObject().put("userId", Farm.USER_ID).put("userName", Farm.USER_NAME).put("platform", 2)
        .put("phone", "").put("email", accessId + "@simulator.invalid").put("company", "").put("name", "")
        .put("softType", 2000).put("status", 1).put("infoStatus", 0).put("accountType", 1).put("userType", 1)
        .put("mainUserId", 0).put("level", 49).put("zone", 1).put("rmbbalance", 100.0).put("usdbalance", 0.0)
        .put("credit", 0).put("coupon", 49.93).put("cpuPrice", 0.67).put("gpuPrice", 20.0)
        .put("shareMainCapital", 0).put("subDeleteTask", 0).put("useMainBalance", 0).put("downloadDisable", 0);
  }

  static JsonObject settings() {
    return new JsonObject().putNull("infoStatus").putNull("accountType").put("shareMainCapital", 0).put("subDeleteTask", 0)
        .put("useMainBalance", 0).put("singleNodeRenderFrames", "1").put("maxIgnoreMapFlag", "1").put("autoCommit", "2")
        .put("separateAccountFlag", 0).put("mifileSwitchFlag", 0).put("assfileSwitchFlag", 0)
        .put("manuallyStartAnalysisFlag", 0).put("downloadDisable", 0).put("taskOverTime", 12).put("taskOverTimeSec", 3600);
  }

  static JsonObject transferBid() {
    return new JsonObject().put("config_bid", "30201").put("input_bid", "10201").put("output_bid", "20201")
        .put("parent_input_bid", "10202").put("sub_user_output_bids", new JsonArray());
  }

  static JsonObject transferConfig() {
    JsonObject line = new JsonObject().put("name", "simulated_line").put("server", "127.0.0.1").put("port", "10200")
        .put("isDefault", 1).put("lineId", 1).put("type", 0);
    JsonObject engine = new JsonObject().putNull("resqEngineAccounts").put("respTaskEngineLines", new JsonArray().add(line))
        .put("engineName", "RaySync").put("automaticCheck", 0).put("checkServer", "127.0.0.1").put("checkPort", "10100")
        .put("checkEnable", "0").put("checkExcludType", "").put("isDefault", 1);
    return new JsonObject().put("inputBid", "10201").put("outputBid", "20201").put("configBid", "30201").putNull("parentInputBid")
        .put("resqEngines", new JsonArray().add(engine)).put("subUserOutputBids", new JsonArray());
  }

  static JsonObject raysyncServerInfo() {
    return new JsonObject().put("clientVersion", "0.0.0-sim").put("protocolVersion", "0.0.0-sim")
        .put("raysyncTransfer", new JsonObject().put("serverIp", "127.0.0.1").put("serverPort", 2121)
            .put("proxyIp", "127.0.0.1").put("proxyPort", 32001).put("sslPort", 2443).put("port", 2442));
  }

  static JsonObject raysyncUserKey() {
    return new JsonObject().put("channel", 4).put("platform", 2).put("version", "2.0.0").put("userKey", "simulated-user-key")
        .put("id", Farm.USER_ID).put("userName", Farm.USER_NAME).put("zone", 1).put("loginTime", System.currentTimeMillis())
        .put("infoStatus", 0).put("accountType", 1).put("raySyncUserKey", "simulated-raysync-key");
  }

  static JsonArray hardwareConfigs(Set<String> current) {
    JsonArray list = new JsonArray();
    for (Object[] row : List.of(new Object[] {301, 1, "Default", "64GB"}, new Object[] {303, 1, "Default", "128GB"},
        new Object[] {337, 2, "1080Ti", "64GB"})) {
      list.add(new JsonObject().put("id", row[0]).put("type", row[1]).put("model", row[2]).put("ram", row[3])
          .put("gpuNum", (int) row[1] == 2 ? "1" : null).put("platform", 2).put("current", current.contains(row[0].toString()))
          .put("notSupportCgId", new JsonArray()).put("status", 1));
    }
    return list;
  }

  /** Analysis error details: a small table, enough to exercise the call. {@code language} 1 is English. */
  static JsonArray analyseErrors(Params p) {
    String code = p.optionalString("code");
    List<String> codes = p.optionalStrings("codes");
    if ((code == null || code.isEmpty()) && (codes == null || codes.isEmpty())) {
      throw new ApiError(ApiError.MISSING_PARAMETER, "code or codes is required");
    }
    Object language = p.value("language");
    boolean english = language != null && "1".equals(language.toString());
    Set<String> wanted = new java.util.HashSet<>(codes == null ? List.of() : codes);
    if (code != null) {
      wanted.add(code);
    }
    JsonArray result = new JsonArray();
    Object[][] table = {
        {5, "15000", 1, "3ds Max hangs or fails to start", "3ds max 启动卡住或者失败"},
        {6, "10010", 0, "Missing texture maps", "贴图丢失"}};
    for (Object[] row : table) {
      if (wanted.contains((String) row[1])) {
        result.add(new JsonObject().put("id", row[0]).put("code", row[1]).put("type", row[2]).put("languageFlag", english ? 1 : 0)
            .put("desDescriptionCn", english ? row[3] : row[4]).put("desSolutionCn", "simulated answer")
            .put("solutionPath", "").put("isRepair", 0).put("isOpen", 1).put("updateTime", 1_534_387_709_000L));
      }
    }
    return result;
  }

  /** Platforms by zone, with the SDK's name keys; simulated values. */
  static JsonArray platforms(Params p) {
    long zone = p.requiredLong("zone");
    JsonArray list = new JsonArray().add(new JsonObject().put("platform", 2).put("name", "query_platform_w2"));
    if (zone == 1) {
      list.add(new JsonObject().put("platform", 21).put("name", "query_platform_gpu"));
    }
    return list;
  }

  static JsonObject softwareList() {
    JsonArray software = new JsonArray();
    for (Object[] row : SOFTWARE) {
      software.add(new JsonObject().put("cgId", row[0]).put("cgName", row[1]).put("cgType", row[2])
          .put("iconPath", "/img/simulated.png").put("isNeedProjectPath", 3).put("isNeedAnalyse", 1).put("isSupportLinux", row[3]));
    }
    return new JsonObject().put("isAutoCommit", 2).put("renderInfoList", software).put("defaultCgId", 2001);
  }

  static JsonObject softwareDetail(Params p) {
    long cgId = p.requiredLong("cgId");
    Object[] row = java.util.Arrays.stream(SOFTWARE).filter(r -> ((Integer) r[0]) == cgId).findFirst()
        .orElseThrow(() -> new ApiError(ApiError.INVALID_PARAMETER, "cgId " + cgId + " is not rendered here"));
    boolean linux = "linux".equals(p.requiredString("osName"));
    if (linux && (Integer) row[3] == 0) {
      return new JsonObject().put("cgVersion", new JsonArray()).put("cgPlugin", new JsonArray());
    }
    JsonArray versions = new JsonArray().add(new JsonObject().put("id", 23).put("cgId", cgId).put("cgName", row[1]).put("cgVersion", row[4]));
    JsonArray plugins = new JsonArray().add(new JsonObject().put("cvId", 19).put("pluginName", "vray")
        .put("pluginVersions", new JsonArray().add(new JsonObject().put("pluginId", 1652).put("pluginName", "vray")
            .put("pluginVersion", "vray 5.0 (simulated)"))));
    return new JsonObject().put("cgVersion", versions).put("cgPlugin", plugins);
  }

  /** cgId, name, scene types, renders on Linux, one version. */
  private static final Object[][] SOFTWARE = {
      {2000, "Maya", "ma;mb", 1, "2022"}, {2001, "3ds Max", "max", 0, "2018"}, {2004, "Houdini", "hip;hipnc", 1, "19.0"},
      {2005, "CINEMA 4D", "c4d", 0, "R22"}, {2007, "Blender", "blend", 1, "2.81"}};
}
