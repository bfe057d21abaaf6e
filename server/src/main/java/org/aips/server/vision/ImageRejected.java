package org.aips.server.vision;

/** An input image the vision services refuse, with a stable code (see {@link VisionFailure}). */
public final class ImageRejected extends RuntimeException {

  private final VisionFailure failure;

  public ImageRejected(VisionFailure failure, String message) {
    super(message, null, false, false);
    this.failure = failure;
  }

  public VisionFailure failure() {
    return failure;
  }
}
