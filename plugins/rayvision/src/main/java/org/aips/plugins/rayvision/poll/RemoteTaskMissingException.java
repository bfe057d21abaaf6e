package org.aips.plugins.rayvision.poll;

/** {@code queryTaskInfo} no longer lists a task that was submitted (deleted on the farm). */
public final class RemoteTaskMissingException extends RuntimeException {

  public RemoteTaskMissingException(long taskId) {
    super("Renderbus no longer lists task " + taskId + " (deleted on the farm?)");
  }
}
