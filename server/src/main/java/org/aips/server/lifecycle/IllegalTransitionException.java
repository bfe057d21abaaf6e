package org.aips.server.lifecycle;

import org.aips.spi.TaskState;

/** A transition the lifecycle does not allow from the task's current state, for example {@code done → cancelled}. */
public final class IllegalTransitionException extends IllegalStateException {

  private final TaskTransition transition;
  private final TaskState current;

  public IllegalTransitionException(TaskTransition transition, TaskState current) {
    super("the task is " + TaskTransition.wireName(current) + ": " + TaskTransition.wireName(current) + " → "
        + TaskTransition.wireName(transition.target(current)) + " (" + transition.wireName() + ") is not allowed; "
        + transition.wireName() + " needs a task that is " + names(transition));
    this.transition = transition;
    this.current = current;
  }

  public TaskTransition transition() {
    return transition;
  }

  public TaskState current() {
    return current;
  }

  private static String names(TaskTransition transition) {
    return String.join(" or ", transition.from().stream().map(TaskTransition::wireName).toList());
  }
}
