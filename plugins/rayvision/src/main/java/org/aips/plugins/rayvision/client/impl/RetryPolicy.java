package org.aips.plugins.rayvision.client.impl;

import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.Operation;
import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.UnexpectedResponseException;

import java.net.ConnectException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures a retry can fix without harm. A retry is always safe when the farm certainly did
 * not act: the connection was never made, or the farm refused the signature as expired (610).
 * When the farm may have acted (a reset or timeout after sending, a 5xx), only idempotent calls
 * are repeated: a second {@code createTask} would reserve another id and a second
 * {@code submitTask} could render twice. Business errors are final: asking again gets the same no.
 */
public final class RetryPolicy {

  private RetryPolicy() {
  }

  public static boolean isRetryable(Operation operation, Throwable failure) {
    if (failure instanceof RayvisionException e) {
      return e.code() == RayvisionException.SIGNATURE_EXPIRED
          || (e.code() == RayvisionException.SERVER_ERROR && operation.idempotent());
    }
    if (failure instanceof UnexpectedResponseException e) {
      return e.httpStatus() >= 500 && operation.idempotent();
    }
    if (failure instanceof ConnectException) {
      return true;
    }
    return operation.idempotent(); // transport failure after the request may have been sent
  }

  /** Exponential backoff with full jitter in its upper half: base·2^(n-1), capped, times [0.5, 1). */
  public static long delayMillis(int failedAttempts, ClientOptions options) {
    long exponential = options.retryBaseDelayMillis() << Math.min(20, failedAttempts - 1);
    long capped = Math.min(options.retryMaxDelayMillis(), exponential);
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }
}
