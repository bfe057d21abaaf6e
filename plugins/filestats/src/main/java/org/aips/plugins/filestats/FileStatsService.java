package org.aips.plugins.filestats;

import io.vertx.core.Future;
import org.aips.spi.HostTasks;
import org.aips.spi.PluginHost;
import org.aips.spi.PluginService;
import org.aips.spi.TaskEvent;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskState;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the job table's copy of each task's state live from task events (no polling), and applies
 * the restart rule chosen by {@code stopRunningOnRestart} (seed 002's rule: after a restart of the
 * service, jobs that were started and not finished are stopped until someone starts them; default
 * false: they go on). The rule suits a single service node: with several, one node's restart
 * would stop the jobs of all.
 */
@Extension
public final class FileStatsService implements PluginService {

  private static final Logger LOG = LoggerFactory.getLogger(FileStatsService.class);

  private AutoCloseable subscription;

  @Override
  public Future<Void> start(PluginHost host) {
    JobStore jobs = new JobStore(host.database().orElseThrow(() -> new IllegalStateException("no database for filestats")).pool());
    HostTasks tasks = host.tasks();
    subscription = tasks.events(event -> onEvent(jobs, tasks, event));
    if (!host.config().getBoolean("stopRunningOnRestart", false)) {
      return Future.succeededFuture();
    }
    // "running" as a user of the service sees it: started and not finished, whether queued or on an executor
    return tasks.list(Optional.empty()).compose(all -> stopAll(tasks, all.stream()
        .filter(task -> task.state() == TaskState.WAITING || task.state() == TaskState.RUNNING).map(TaskInfo::id).toList()));
  }

  @Override
  public Future<Void> stop() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("closing the task event subscription failed", e);
    }
    return Future.succeededFuture();
  }

  private static void onEvent(JobStore jobs, HostTasks tasks, TaskEvent event) {
    Future<Long> lines = event.state() != TaskState.DONE ? Future.succeededFuture(null)
        : tasks.get(event.id()).map(info -> info.map(i -> i.resultJson().getLong("lines")).orElse(null));
    lines.compose(count -> jobs.record(event.id(), event.state().name(), event.progress(), count))
        .onFailure(e -> LOG.warn("recording the state of task {} failed", event.id(), e));
  }

  private static Future<Void> stopAll(HostTasks tasks, List<String> ids) {
    return Future.join(ids.stream().map(id -> tasks.stop(id).otherwise(e -> null)).toList())
        .onSuccess(done -> LOG.info("stopped {} jobs that were running before the restart", ids.size())).mapEmpty();
  }
}
