package org.aips.server.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the {@code x-token} JWT, and requires a usable {@code uid} in it (1–128 characters, no control
 * characters): a verified token is not enough, AIPS also needs to know whose it is.
 *
 * <p>Clients send the same token with every request, so a verified token is remembered (by its exact
 * text, which includes the signature) until its {@code exp} (plus the provider's leeway) or for at most
 * {@link #REMEMBER_MILLIS}.
 * Verifying means two base64 decodes, two JSON parses and an HMAC or RSA check per request; a lookup
 * does not. Only successes are remembered. One instance per HTTP verticle, used on its event loop.
 */
public final class UidTokenAuth implements AuthenticationProvider {

  static final long REMEMBER_MILLIS = 60_000;
  /** A uid names a user in every task row and log line: 1–128 characters, no control characters. */
  static final int MAX_UID_LENGTH = 128;
  private static final int CAPACITY = 10_000;

  private record Verified(JsonObject principal, JsonObject attributes, long validUntilMillis) {
  }

  private final JWTAuth jwt;
  private final Map<String, Verified> verified = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
      return size() > CAPACITY;
    }
  };

  public UidTokenAuth(JWTAuth jwt) {
    this.jwt = jwt;
  }

  /** The provider throws some refusals (a bad signature) instead of failing its future: both become a failed future. */
  private Future<User> verify(Credentials credentials) {
    try {
      return jwt.authenticate(credentials);
    } catch (Exception refused) { // checked exceptions thrown sneakily too (SignatureException)
      return Future.failedFuture(refused);
    }
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    String token = credentials instanceof TokenCredentials t ? t.getToken() : null;
    long now = System.currentTimeMillis();
    Verified known = token == null ? null : verified.get(token);
    if (known != null) {
      if (now < known.validUntilMillis()) {
        return Future.succeededFuture(User.create(known.principal().copy(), known.attributes().copy()));
      }
      verified.remove(token);
    }
    return verify(credentials).compose(user -> {
      Object uid = user.principal().getValue("uid");
      if (uid == null || uid.toString().isBlank()) {
        return Future.failedFuture("the token carries no uid");
      }
      String name = uid.toString();
      if (name.length() > MAX_UID_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
        return Future.failedFuture("the token's uid is longer than " + MAX_UID_LENGTH + " characters or has control characters");
      }
      if (token != null) {
        Long exp = user.attributes().getLong("exp"); // the provider moves exp out of the principal
        long until = Math.min(now + REMEMBER_MILLIS, exp == null ? Long.MAX_VALUE : (exp + JwtKeys.LEEWAY_SECONDS) * 1000);
        verified.put(token, new Verified(user.principal().copy(), user.attributes().copy(), until));
      }
      return Future.succeededFuture(user);
    });
  }
}
