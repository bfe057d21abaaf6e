package org.aips.plugins.rayvision.render;

import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.UnexpectedResponseException;
import org.aips.plugins.rayvision.poll.PollRefusedException;
import org.aips.plugins.rayvision.poll.RemoteTaskMissingException;
import org.aips.spi.TaskFailure;

import java.util.concurrent.CancellationException;

/** Turns what went wrong into a task failure that says whether running the task again can help. */
final class Failures {

  private Failures() {
  }

  static Throwable toTaskFailure(Throwable failure) {
    if (failure instanceof TaskFailure || failure instanceof CancellationException) {
      return failure;
    }
    if (failure instanceof RayvisionException e) {
      boolean transientError = e.code() == RayvisionException.SERVER_ERROR || e.code() == RayvisionException.SIGNATURE_EXPIRED;
      return transientError ? TaskFailure.retryable(e.getMessage(), e) : TaskFailure.permanent(e.getMessage(), e);
    }
    if (failure instanceof RemoteTaskMissingException || failure instanceof PollRefusedException
        || failure instanceof IllegalArgumentException) {
      return TaskFailure.permanent(failure.getMessage(), failure);
    }
    if (failure instanceof UnexpectedResponseException) {
      return TaskFailure.retryable(failure.getMessage(), failure);
    }
    return TaskFailure.retryable("Renderbus unreachable: " + failure, failure);
  }
}
