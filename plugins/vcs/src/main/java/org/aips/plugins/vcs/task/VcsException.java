package org.aips.plugins.vcs.task;

/** A request the service refuses, with its code and a message for the client. */
public final class VcsException extends RuntimeException {

  private final VcsError error;

  VcsException(VcsError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public VcsError error() {
    return error;
  }
}
