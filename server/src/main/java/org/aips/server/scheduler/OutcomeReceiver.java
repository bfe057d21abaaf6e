package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import org.aips.server.executor.RunOutcomes;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Outcomes of runs, from executors: this scheduler's own, and those whose scheduler has gone. */
final class OutcomeReceiver {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeReceiver.class);

  private final SchedulerScope scope;
  private final CompletionWriter completions;
  private final FailureRecorder failures;
  private final Runnable claimMore;

  OutcomeReceiver(SchedulerScope scope, CompletionWriter completions, FailureRecorder failures, Runnable claimMore) {
    this.scope = scope;
    this.completions = completions;
    this.failures = failures;
    this.claimMore = claimMore;
  }

  /** Outcomes of runs this scheduler dispatched (or adopted). */
  void own(Message<RunOutcomes> message) {
    write(message);
    claimMore.run();
  }

  /** Outcomes of runs whose scheduler has gone, sent to any scheduler. */
  void adopted(Message<RunOutcomes> message) {
    LOG.info("adopting {} outcomes whose scheduler has gone", message.body().outcomes().size());
    write(message);
  }

  /**
   * Answered once every outcome in it is written: until then the executor keeps them, to send again
   * (to an adopter, if this scheduler dies meanwhile). Outcomes of runs not in flight here (another
   * scheduler's, or sent again after being written) are written all the same: the statements check
   * that the run is still the task's (same attempt), so nothing is recorded twice.
   */
  private void write(Message<RunOutcomes> message) {
    List<Future<Void>> writes = new ArrayList<>();
    for (Outcome outcome : message.body().outcomes()) {
      InFlight run = scope.runs.get(outcome.id());
      if (run != null && run.attempt == outcome.attempt() && scope.runs.release(run)) {
        writes.add(record(run, outcome));
      } else if (run == null) {
        // dispatched elsewhere at an unknown time: 0 keeps its run time out of the type's statistics
        writes.add(record(new InFlight(outcome.id(), outcome.type(), outcome.attempt(), 0, null, null, null), outcome));
      } // else: an older attempt's outcome; the run in flight here is a newer one
    }
    Future.all(writes).onComplete(written -> {
      if (written.succeeded()) {
        message.reply(null);
      } else {
        message.fail(500, "not written: " + written.cause().getMessage());
      }
    });
  }

  private Future<Void> record(InFlight task, Outcome outcome) {
    return outcome.output() != null ? completions.complete(task, outcome.output())
        : failures.failed(task, outcome.failureCode(), outcome.error());
  }

}
