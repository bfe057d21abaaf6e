package org.aips.server.auth;

import io.vertx.core.Future;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/** A verified JWT is not enough: AIPS also needs to know whose it is, so a token without {@code uid} is refused. */
public final class UidTokenAuth implements AuthenticationProvider {

  private final JWTAuth jwt;

  public UidTokenAuth(JWTAuth jwt) {
    this.jwt = jwt;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    return jwt.authenticate(credentials).compose(user -> {
      Object uid = user.principal().getValue("uid");
      return uid == null || uid.toString().isBlank()
          ? Future.failedFuture("the token carries no uid")
          : Future.succeededFuture(user);
    });
  }
}
