package org.aips.plugins.rayvision.poll;

import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.UnexpectedResponseException;

/** The farm kept refusing to report on a task for longer than the configured bound; carries the farm's last answer. */
public final class PollRefusedException extends RuntimeException {

  public PollRefusedException(long taskId, long refusedMillis, Throwable lastRefusal) {
    super("Renderbus refused every poll of task " + taskId + " for " + refusedMillis / 1000 + " s; last answer: "
        + lastRefusal.getMessage(), lastRefusal);
  }

  /** A refusal is an answer that asking again will not change: a business error code, or an HTTP 4xx from a wrong path. */
  static boolean isRefusal(Throwable failure) {
    if (failure instanceof RayvisionException e) {
      return e.code() != RayvisionException.SERVER_ERROR && e.code() != RayvisionException.SIGNATURE_EXPIRED;
    }
    return failure instanceof UnexpectedResponseException e && e.httpStatus() >= 400 && e.httpStatus() < 500;
  }
}
