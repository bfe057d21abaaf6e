package org.aips.plugins.rayvision.poll;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.config.PollSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One poller per account: however many render tasks are in flight, it asks the farm with one
 * {@code queryTaskInfo} call for up to {@code batchSize} due tasks at a time, one call in flight,
 * and never more than {@code maxRequestsPerSecond}. Each task backs off while it does not change.
 * State is confined to one Vert.x context, so no locks.
 */
public final class TaskPoller {

  private static final Logger LOG = LoggerFactory.getLogger(TaskPoller.class);

  private final Vertx vertx;
  private final RayvisionClient client;
  private final PollSettings settings;
  private final Map<Long, Watched> watched = new LinkedHashMap<>();
  private Context context;
  private boolean inFlight;
  private long timerId = -1;
  private long lastRequestAt;
  private long requests;

  public TaskPoller(Vertx vertx, RayvisionClient client, PollSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
  }

  /** Starts reporting on {@code taskId} to {@code watcher} until the returned handle is cancelled. */
  public Runnable watch(long taskId, TaskWatcher watcher) {
    onContext(() -> {
      watched.put(taskId, new Watched(taskId, watcher, System.currentTimeMillis()));
      schedule();
    });
    return () -> onContext(() -> watched.remove(taskId));
  }

  /** Poll calls sent so far (each covers up to {@code batchSize} tasks). */
  public synchronized long requests() {
    return requests;
  }

  private synchronized void countRequest() {
    requests++;
  }

  private void onContext(Runnable action) {
    synchronized (this) {
      if (context == null) {
        context = vertx.getOrCreateContext();
      }
    }
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private void schedule() {
    if (inFlight || timerId != -1 || watched.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    long earliest = watched.values().stream().mapToLong(w -> w.nextDue).min().orElse(now);
    long at = Math.max(earliest, lastRequestAt + settings.minGapMillis());
    timerId = vertx.setTimer(Math.max(1, at - now), id -> {
      timerId = -1;
      poll();
    });
  }

  private void poll() {
    long now = System.currentTimeMillis();
    List<Watched> due = watched.values().stream().filter(w -> w.nextDue <= now)
        .sorted(Comparator.comparingLong(w -> w.nextDue)).limit(settings.batchSize()).toList();
    if (due.isEmpty()) {
      schedule();
      return;
    }
    inFlight = true;
    lastRequestAt = now;
    countRequest();
    client.taskInfo(due.stream().map(w -> w.taskId).toList()).onComplete(answer -> {
      inFlight = false;
      long at = System.currentTimeMillis();
      if (answer.succeeded()) {
        deliver(due, answer.result().stream().collect(Collectors.toMap(TaskInfo::id, Function.identity(), (a, b) -> a)), at);
      } else {
        failed(due, answer.cause(), at);
      }
      schedule();
    });
  }

  private void deliver(List<Watched> due, Map<Long, TaskInfo> infos, long now) {
    for (Watched w : due) {
      if (watched.get(w.taskId) != w) {
        continue; // unwatched while the call was out
      }
      TaskInfo info = infos.get(w.taskId);
      if (info == null) {
        watched.remove(w.taskId);
        w.watcher.onError(new RemoteTaskMissingException(w.taskId));
      } else {
        w.seen(info, now, settings);
        w.watcher.onInfo(info);
      }
    }
  }

  /**
   * A refused account fails every watcher at once. A poll the farm keeps refusing (404, 601, a
   * wrong path) fails its tasks once refusals have lasted {@code refusedTimeoutMillis}, with the
   * farm's message; an outage (already retried by the client) just waits for the next round.
   */
  private void failed(List<Watched> due, Throwable cause, long now) {
    if (cause instanceof RayvisionException e && e.isAccountProblem()) {
      due.forEach(w -> stopWatching(w, cause));
      return;
    }
    boolean refused = PollRefusedException.isRefusal(cause);
    LOG.warn("polling {} Renderbus task(s) of account {} {}, will try again: {}", due.size(), client.account().name(),
        refused ? "was refused" : "failed", cause.toString());
    for (Watched w : due) {
      if (refused && w.refusedTooLong(now, settings)) {
        stopWatching(w, new PollRefusedException(w.taskId, w.refusedForMillis(now), cause));
      } else {
        w.postpone(now, settings);
      }
    }
  }

  private void stopWatching(Watched w, Throwable cause) {
    watched.remove(w.taskId);
    w.watcher.onError(cause);
  }
}
