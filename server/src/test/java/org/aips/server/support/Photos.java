package org.aips.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Real photos for the vision tests: the group photos of the npm package {@code @vladmandic/face-api}
 * (its {@code demo/sampleN.jpg}), fetched by the build into the model pack; and, when the build is
 * given {@code -Daips.testdata=FOLDER}, the fuller set described by that folder's MANIFEST.md.
 */
public final class Photos {

  private Photos() {
  }

  /** face-api's {@code demo/sample<n>.jpg} (1920 px wide group photos of young women). */
  public static byte[] faceApiSample(int n) {
    return read(TestNode.MODEL_PACK.resolve("face-api/demo/sample" + n + ".jpg"));
  }

  public static Optional<Path> testdata() {
    String folder = System.getProperty("aips.test.testdata", "");
    return folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder));
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
