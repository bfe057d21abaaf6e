package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/** The account's profile ({@code queryUserProfile}): identity, platform, balances and prices. */
public record UserProfile(long userId, String userName, Integer platform, Integer zone, Integer level, Integer accountType,
                          Integer userType, Long mainUserId, Integer status, String email, String phone, String company,
                          BigDecimal rmbBalance, BigDecimal usdBalance, BigDecimal credit, BigDecimal coupon,
                          BigDecimal cpuPrice, BigDecimal gpuPrice) {

  public static UserProfile fromJson(JsonObject j) {
    return new UserProfile(Decode.longValue(j, "userId"), Decode.text(j, "userName"), Decode.intValue(j, "platform"),
        Decode.intValue(j, "zone"), Decode.intValue(j, "level"), Decode.intValue(j, "accountType"),
        Decode.intValue(j, "userType"), Decode.longValue(j, "mainUserId"), Decode.intValue(j, "status"),
        Decode.text(j, "email"), Decode.text(j, "phone"), Decode.text(j, "company"), Decode.decimal(j, "rmbbalance"),
        Decode.decimal(j, "usdbalance"), Decode.decimal(j, "credit"), Decode.decimal(j, "coupon"),
        Decode.decimal(j, "cpuPrice"), Decode.decimal(j, "gpuPrice"));
  }
}
