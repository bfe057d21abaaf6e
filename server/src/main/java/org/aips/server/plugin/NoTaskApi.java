package org.aips.server.plugin;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import org.aips.spi.HostTasks;
import org.aips.spi.TaskEvent;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskRequest;
import org.aips.spi.TaskState;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The task API on a node without a database (an executor-only node): every call fails and says why. */
final class NoTaskApi implements HostTasks {

  private static <T> Future<T> unavailable() {
    return Future.failedFuture(new IllegalStateException("the host's task API needs a node with the http or scheduler role"));
  }

  @Override public Future<String> submit(TaskRequest request) { return unavailable(); }
  @Override public Future<Optional<TaskInfo>> get(String id) { return unavailable(); }
  @Override public Future<List<TaskInfo>> list(Optional<TaskState> state) { return unavailable(); }
  @Override public Future<TaskInfo> stop(String id) { return unavailable(); }
  @Override public Future<TaskInfo> start(String id) { return unavailable(); }
  @Override public Future<TaskInfo> cancel(String id) { return unavailable(); }
  @Override public Future<Optional<Path>> resultFile(String id) { return unavailable(); }
  @Override public AutoCloseable events(Handler<TaskEvent> handler) { return () -> { }; }
}
