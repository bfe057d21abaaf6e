package org.aips.spi.services;

/** A shared service's failure, typed: the clients fail their futures with it. */
public final class ServiceException extends RuntimeException {

  private final ServiceFailure failure;

  public ServiceException(ServiceFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public ServiceFailure failure() {
    return failure;
  }
}
