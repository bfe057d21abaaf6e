package org.aips.server.api;

import io.vertx.ext.web.RoutingContext;

/** The authenticated caller: the {@code uid} claim of the verified x-token (its presence is checked by UidTokenAuth). */
final class Users {

  private Users() {
  }

  static String uid(RoutingContext rc) {
    return rc.user().principal().getValue("uid").toString();
  }
}
