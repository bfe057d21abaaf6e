package org.aips.spi;

/**
 * A change to one of a plugin's tasks, delivered to {@link HostTasks#events} on every node: a state
 * change (submitted, started, stopped, resumed, retried, ended) or new progress of a running task.
 * Events are notifications, at most once: after a restart, read the state with {@link HostTasks#get}.
 */
public record TaskEvent(String id, String type, TaskState state, double progress, String error) {
}
