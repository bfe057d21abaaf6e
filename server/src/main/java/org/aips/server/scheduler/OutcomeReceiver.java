package org.aips.server.scheduler;

import io.vertx.core.eventbus.Message;
import org.aips.server.executor.RunOutcomes;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  void own(Message<RunOutcomes> message) {
    message.reply(null);
    for (Outcome outcome : message.body().outcomes()) {
      InFlight task = scope.runs.get(outcome.id());
      if (task == null || task.attempt != outcome.attempt() || !scope.runs.release(task)) {
        continue; // the watchdog already gave up on this run
      }
      record(task, outcome);
    }
    claimMore.run();
  }

  /**
   * Outcomes of runs another scheduler dispatched and can no longer take (it has gone). Written like
   * this scheduler's own: the statements check the run is still the task's (same attempt), so a run
   * whose lease was already recovered is not recorded twice.
   */
  void adopted(Message<RunOutcomes> message) {
    message.reply(null);
    LOG.info("adopting {} outcomes whose scheduler has gone", message.body().outcomes().size());
    for (Outcome outcome : message.body().outcomes()) {
      // dispatched elsewhere at an unknown time: 0 keeps its run time out of the type's statistics
      record(new InFlight(outcome.id(), outcome.type(), outcome.attempt(), 0, null, null, null), outcome);
    }
  }

  private void record(InFlight task, Outcome outcome) {
    if (outcome.output() != null) {
      completions.complete(task, outcome.output());
    } else {
      failures.failed(task, outcome.failureCode(), outcome.error());
    }
  }
}
