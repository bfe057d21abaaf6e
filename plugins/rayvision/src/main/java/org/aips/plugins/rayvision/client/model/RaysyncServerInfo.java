package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

/** Where the Raysync transfer service listens ({@code getServerInfo}). */
public record RaysyncServerInfo(String clientVersion, String protocolVersion, String serverIp, Integer serverPort,
                                String proxyIp, Integer proxyPort, Integer sslPort, Integer port) {

  public static RaysyncServerInfo fromJson(JsonObject j) {
    JsonObject t = Decode.object(j, "raysyncTransfer");
    return new RaysyncServerInfo(Decode.text(j, "clientVersion"), Decode.text(j, "protocolVersion"), Decode.text(t, "serverIp"),
        Decode.intValue(t, "serverPort"), Decode.text(t, "proxyIp"), Decode.intValue(t, "proxyPort"),
        Decode.intValue(t, "sslPort"), Decode.intValue(t, "port"));
  }
}
