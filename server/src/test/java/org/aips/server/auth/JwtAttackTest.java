package org.aips.server.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known attacks on JWT verification, against both of the server's configurations (an HS256
 * secret, an RS256 public key): algorithm confusion (HS256 signed with the RS256 public key as its
 * secret, RS256 offered to an HS256 server), {@code none} in every spelling, {@code kid} and
 * {@code jku} headers that try to choose the key, tokens not yet valid, malformed ones and unusable
 * uids. Each is
 * refused; the genuine token of each configuration is accepted.
 */
class JwtAttackTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static Vertx vertx;
  private static KeyPair serverKeys;
  private static KeyPair attackerKeys;
  private static UidTokenAuth hsServer;
  private static UidTokenAuth rsServer;
  private static String publicPem;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    serverKeys = generator.generateKeyPair();
    attackerKeys = generator.generateKeyPair();
    publicPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(serverKeys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    hsServer = new UidTokenAuth(JwtKeys.from(TestNode.config(TestNode.newDataDir("jwt-hs"), new JsonObject())).provider(vertx));
    rsServer = new UidTokenAuth(JwtKeys.from(TestNode.config(TestNode.newDataDir("jwt-rs"),
        new JsonObject().put("auth", new JsonObject().put("jwtPublicKeyPem", publicPem)))).provider(vertx));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void genuineTokensOfEachConfigurationAreAccepted() throws Exception {
    assertThat(accepts(hsServer, Tokens.valid("alice"))).isTrue();
    assertThat(accepts(rsServer, rs256(serverKeys, header("RS256"), claims("alice")))).isTrue();
  }

  @Test
  void algorithmConfusionIsRefused() throws Exception {
    // the classic: HS256 with the server's RSA public key (public by definition) as the HMAC secret
    assertThat(accepts(rsServer, hmac("HmacSHA256", publicPem, header("HS256"), claims("mallory")))).isFalse();
    assertThat(accepts(rsServer, hmac("HmacSHA256", B64.encodeToString(serverKeys.getPublic().getEncoded()), header("HS256"),
        claims("mallory")))).isFalse();
    // an RS256 token offered to an HS256 server, and one signed by another key pair
    assertThat(accepts(hsServer, rs256(attackerKeys, header("RS256"), claims("mallory")))).isFalse();
    assertThat(accepts(rsServer, rs256(attackerKeys, header("RS256"), claims("mallory")))).isFalse();
    // a stronger-sounding HMAC with the right secret is still not the configured algorithm
    assertThat(accepts(hsServer, hmac("HmacSHA512", TestNode.SECRET, header("HS512"), claims("mallory")))).isFalse();
  }

  @Test
  void unsignedTokensAreRefusedInEverySpelling() {
    for (String alg : new String[] {"none", "None", "NONE", "nOnE", ""}) {
      String unsigned = encode(new JsonObject().put("alg", alg).put("typ", "JWT")) + "." + encode(claims("mallory"));
      assertThat(accepts(hsServer, unsigned + ".")).as("alg %s", alg).isFalse();
      assertThat(accepts(rsServer, unsigned + ".")).as("alg %s", alg).isFalse();
      assertThat(accepts(hsServer, unsigned)).as("alg %s, two parts", alg).isFalse();
    }
  }

  @Test
  void headersThatTryToChooseTheKeyAreRefused() throws Exception {
    JsonObject[] headers = {
        header("HS256").put("kid", "../../../../../../dev/null"),
        header("HS256").put("kid", "' OR '1'='1"),
        header("HS256").put("kid", "unknown-key"),
        header("HS256").put("jku", "http://127.0.0.1:1/keys.json"),
        header("HS256").put("jwk", new JsonObject().put("kty", "oct").put("k", B64.encodeToString("x".getBytes()))),
    };
    for (JsonObject header : headers) {
      // signed with what the header points at (an empty file, the attacker's key), never the server's secret
      assertThat(accepts(hsServer, hmac("HmacSHA256", "", header, claims("mallory")))).as(header.encode()).isFalse();
      assertThat(accepts(hsServer, hmac("HmacSHA256", "x", header, claims("mallory")))).as(header.encode()).isFalse();
    }
    JsonObject jwkAttack = header("RS256").put("jwk", new JsonObject().put("kty", "RSA").put("kid", "attacker"));
    assertThat(accepts(rsServer, rs256(attackerKeys, jwkAttack, claims("mallory")))).isFalse();
  }

  @Test
  void tokensOutsideTheirValidityAreRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertThat(accepts(hsServer, Tokens.hs256(TestNode.SECRET, claims("alice").put("exp", now - 60)))).as("expired").isFalse();
    assertThat(accepts(hsServer, Tokens.hs256(TestNode.SECRET, claims("alice").put("nbf", now + 3600)))).as("not yet valid").isFalse();
    assertThat(accepts(hsServer, Tokens.hs256(TestNode.SECRET, claims("alice").put("iat", now + 3600)))).as("issued in the future").isFalse();
    assertThat(accepts(hsServer, Tokens.hs256(TestNode.SECRET, claims("alice").put("exp", "tomorrow")))).as("exp not a number").isFalse();
  }

  @Test
  void malformedTokensAndUnusableUidsAreRefused() {
    String valid = Tokens.valid("alice");
    String[] malformed = {valid + "x", valid.replace('.', '!'), valid + "." + valid, "..", "a.b", "%%%.%%%.%%%",
        encode(new JsonObject().put("alg", "HS256")) + "." + B64.encodeToString("[1,2,3]".getBytes()) + ".sig",
        Tokens.hs256(TestNode.SECRET, claims("x".repeat(UidTokenAuth.MAX_UID_LENGTH + 1))),
        Tokens.hs256(TestNode.SECRET, claims("line\nbreak")), Tokens.hs256(TestNode.SECRET, claims("  "))};
    for (String token : malformed) {
      assertThat(accepts(hsServer, token)).as(token.length() > 80 ? token.substring(0, 80) + "…" : token).isFalse();
    }
    // (tokens over the HTTP server's 8 KiB header limit never reach the check: HostileInputTest, 431)
    assertThat(accepts(hsServer, Tokens.hs256(TestNode.SECRET, claims("x".repeat(UidTokenAuth.MAX_UID_LENGTH))))).isTrue();
  }

  // ---- helpers ----

  private static boolean accepts(UidTokenAuth auth, String token) {
    try {
      auth.authenticate(new TokenCredentials(token)).await();
      return true;
    } catch (Exception refused) { // await() rethrows the failure, checked ones included
      return false;
    }
  }

  private static JsonObject header(String alg) {
    return new JsonObject().put("alg", alg).put("typ", "JWT");
  }

  private static JsonObject claims(String uid) {
    return new JsonObject().put("uid", uid).put("exp", System.currentTimeMillis() / 1000 + 3600);
  }

  private static String hmac(String algorithm, String secret, JsonObject header, JsonObject claims) throws Exception {
    String input = encode(header) + "." + encode(claims);
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8), algorithm));
    return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String rs256(KeyPair keys, JsonObject header, JsonObject claims) throws Exception {
    String input = encode(header) + "." + encode(claims);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(keys.getPrivate());
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(signature.sign());
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
