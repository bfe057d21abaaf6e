package org.aips.plugins.faceingest.fetch;

/** An image could not be fetched (code 101): the message says why, for the task log. */
public final class FetchException extends RuntimeException {

  public FetchException(String message) {
    super(message, null, false, false);
  }
}
