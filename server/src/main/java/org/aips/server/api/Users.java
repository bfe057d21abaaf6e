package org.aips.server.api;

import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/** The authenticated caller: the {@code uid} claim of the verified x-token. */
final class Users {

  private Users() {
  }

  static String uid(RoutingContext rc) {
    User user = rc.user();
    Object uid = user == null ? null : user.principal().getValue("uid");
    if (uid == null || uid.toString().isBlank()) {
      throw new ApiException(401, "UNAUTHORIZED", "the token carries no uid");
    }
    return uid.toString();
  }
}
