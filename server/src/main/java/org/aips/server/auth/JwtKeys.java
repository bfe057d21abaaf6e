package org.aips.server.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.aips.server.config.AipsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * How tokens are checked (and, for HS256, minted). HS256 with {@code auth.jwtSecret}; when none is
 * configured, a random secret is generated once and kept in {@code <dataDir>/jwt-secret} so tokens
 * outlive restarts. With {@code auth.jwtPublicKeyPem} set, RS256 tokens signed elsewhere are accepted.
 */
public final class JwtKeys {

  /** Clock skew tolerated on exp/nbf/iat between the token's issuer and this server. */
  public static final int LEEWAY_SECONDS = 5;

  private final String hsSecret;
  private final String rsPublicKeyPem;

  private JwtKeys(String hsSecret, String rsPublicKeyPem) {
    this.hsSecret = hsSecret;
    this.rsPublicKeyPem = rsPublicKeyPem;
  }

  /** Blocking (may create the secret file). */
  public static JwtKeys from(AipsConfig config) throws IOException {
    if (config.jwtPublicKeyPem() != null) {
      return new JwtKeys(null, config.jwtPublicKeyPem());
    }
    String secret = config.jwtSecret() != null ? config.jwtSecret() : storedSecret(config.dataDir());
    return new JwtKeys(secret, null);
  }

  public JWTAuth provider(Vertx vertx) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setLeeway(LEEWAY_SECONDS));
    if (rsPublicKeyPem != null) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(rsPublicKeyPem));
    } else {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(hsSecret));
    }
    return JWTAuth.create(vertx, options);
  }

  /** A signed token for {@code uid}; only possible with an HS256 secret (RS256 keys are minted by their owner). */
  public String mint(Vertx vertx, String uid, long ttlSeconds) {
    if (hsSecret == null) {
      throw new IllegalStateException("tokens can only be minted with an HS256 secret; this server verifies RS256 tokens");
    }
    return provider(vertx).generateToken(new JsonObject().put("uid", uid),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttlSeconds)));
  }

  private static String storedSecret(Path dataDir) throws IOException {
    Path file = dataDir.resolve("jwt-secret");
    if (Files.isRegularFile(file)) {
      return Files.readString(file).trim();
    }
    Files.createDirectories(dataDir);
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, secret);
    try {
      Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; the file keeps the default permissions
    }
    return secret;
  }
}
