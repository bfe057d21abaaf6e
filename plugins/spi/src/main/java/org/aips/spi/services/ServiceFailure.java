package org.aips.spi.services;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a shared service refused or failed a request: the event-bus failure code it answers with.
 * 4xxx codes are the caller's input (retrying cannot help); 5xxx codes are the service's state.
 */
public enum ServiceFailure {
  INVALID_IMAGE(4001),
  TRUNCATED_IMAGE(4002),
  IMAGE_TOO_LARGE(4003),
  BAD_REQUEST(4004),
  /** What the request names does not exist (a face group). */
  NOT_FOUND(4005),
  /** A painting stopped by {@link ServiceAddresses#STYLE_CANCEL}. */
  CANCELLED(4099),
  INTERNAL(5000),
  BUSY(5031),
  NO_INFERENCE(5032),
  DEADLINE_EXCEEDED(5041),
  /** No node serves the address (the event bus's NO_HANDLERS; no code of its own). */
  NOT_SERVED(-1);

  private final int code;

  ServiceFailure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * True when the service is not there or not free yet (no node serves it, no inference node, all
   * busy): a task should wait for it ({@code TaskFailure.unavailable}) rather than use an attempt.
   */
  public boolean isUnavailable() {
    return this == NOT_SERVED || this == NO_INFERENCE || this == BUSY;
  }

  /** True for the caller's own mistakes: a retry with the same input fails the same way. */
  public boolean isPermanent() {
    return code >= 4000 && code < 5000 && this != CANCELLED;
  }

  public static Optional<ServiceFailure> ofCode(int code) {
    return Arrays.stream(values()).filter(f -> f.code == code && f != NOT_SERVED).findFirst();
  }

  /** What a failed request to a shared service was, if the failure came from the service or the bus. */
  public static Optional<ServiceFailure> of(Throwable failure) {
    if (failure instanceof ServiceException service) {
      return Optional.of(service.failure());
    }
    if (failure instanceof ReplyException reply) {
      return reply.failureType() == ReplyFailure.NO_HANDLERS ? Optional.of(NOT_SERVED)
          : reply.failureType() == ReplyFailure.RECIPIENT_FAILURE ? ofCode(reply.failureCode()) : Optional.empty();
    }
    return Optional.empty();
  }
}
