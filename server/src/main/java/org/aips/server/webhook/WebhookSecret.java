package org.aips.server.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signing secret: {@code webhooks.secret} when configured, else {@code <dataDir>/webhook-secret},
 * created on first use with 32 random bytes (owner-only on POSIX), so that signatures survive restarts.
 * Receivers read it from there (or from the configuration) to verify deliveries.
 */
public final class WebhookSecret {

  private WebhookSecret() {
  }

  public static String resolve(String configured, Path dataDir) throws IOException {
    if (configured != null) {
      return configured;
    }
    Path file = dataDir.resolve("webhook-secret");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = WebhookSignature.PREFIX + Base64.getEncoder().encodeToString(key);
    Files.createDirectories(dataDir);
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's permissions apply
    }
    return secret;
  }
}
