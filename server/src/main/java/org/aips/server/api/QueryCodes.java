package org.aips.server.api;

import java.security.SecureRandom;
import java.util.Base64;

/** Task ids handed to clients (the seed's queryCode) and to plugins: 192 random bits, URL-safe. */
final class QueryCodes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private QueryCodes() {
  }

  static String next() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
