package org.aips.spi.services;

import io.vertx.core.Future;

/** Turns a shared service's failed reply into a {@link ServiceException}. */
final class ServiceCalls {

  private ServiceCalls() {
  }

  static <T> Future<T> typed(Future<T> call, String service) {
    return call.recover(cause -> {
      ServiceFailure failure = ServiceFailure.of(cause).orElse(ServiceFailure.INTERNAL);
      String message = failure == ServiceFailure.NOT_SERVED ? "no node serves " + service : cause.getMessage();
      return Future.failedFuture(new ServiceException(failure, message, cause));
    });
  }
}
