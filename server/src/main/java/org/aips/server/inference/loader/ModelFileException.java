package org.aips.server.inference.loader;

import java.nio.file.Path;

/** A model file is missing, truncated or not what its manifest says; the message names the file. */
public final class ModelFileException extends RuntimeException {

  public ModelFileException(Path file, String problem) {
    super("model file " + file.toAbsolutePath() + ": " + problem);
  }

  public ModelFileException(Path file, String problem, Throwable cause) {
    super("model file " + file.toAbsolutePath() + ": " + problem, cause);
  }
}
