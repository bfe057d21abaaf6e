package org.aips.server.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Task types the tests run in-process, each with observable behaviour. */
public final class TestTypes {

  private TestTypes() {
  }

  /** What the test types observed: completed runs per task id, and the start order of Recorder tasks. */
  public static final Map<String, AtomicInteger> COMPLETIONS = new ConcurrentHashMap<>();
  public static final List<String> START_ORDER = new CopyOnWriteArrayList<>();
  public static volatile Promise<Void> gate = Promise.promise();
  /** When each run of a Flaky task started, per task id. */
  public static final Map<String, List<Long>> FLAKY_STARTS = new ConcurrentHashMap<>();
  /** Whether the service NeedsService waits for is up, and how often it looked. */
  public static volatile boolean serviceUp;
  public static final Map<String, AtomicInteger> SERVICE_LOOKS = new ConcurrentHashMap<>();

  public static List<TaskType> all() {
    return List.of(new Noop(), new Sleep(), new Flaky(), new Broken(), new Recorder(), new NeedsService(), new Ledger());
  }

  /** With params.effects (a folder), a finished Sleep appends its attempt to a file named by its task id: effects seen across processes. */
  private static void recordEffect(TaskContext context) {
    String folder = context.params().getString("effects");
    if (folder != null) {
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of(folder, context.taskId()), context.attempt() + "\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static void count(Map<String, AtomicInteger> counter, TaskContext context) {
    counter.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
  }

  /** Returns at once with a small JSON result. */
  public static final class Noop implements TaskType {
    @Override public String name() { return "Noop"; }
    @Override public double estimateSeconds(JsonObject params, int quality) { return 0.001; }
    @Override public int concurrency() { return 4096; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      return Future.succeededFuture(TaskResult.json(new JsonObject().put("ok", true)));
    }
  }

  /** Runs for params.millis, reporting progress every 50 ms; stops when cancelled. */
  public static final class Sleep implements TaskType {
    @Override public String name() { return "Sleep"; }
    @Override public JsonObject paramsSchema() {
      return new JsonObject("""
          {"type":"object","required":["millis"],"additionalProperties":false,
           "properties":{"millis":{"type":"integer","minimum":0,"maximum":600000},"effects":{"type":"string"}}}""");
    }
    @Override public int concurrency() { return 8; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      long millis = context.params().getLong("millis");
      long start = System.currentTimeMillis();
      Promise<TaskResult> done = Promise.promise();
      long timer = context.vertx().setPeriodic(50, id -> {
        long elapsed = System.currentTimeMillis() - start;
        context.progress(Math.min(1.0, (double) elapsed / Math.max(1, millis)));
        if (elapsed >= millis) {
          context.vertx().cancelTimer(id);
          count(COMPLETIONS, context);
          recordEffect(context);
          done.tryComplete(TaskResult.json(new JsonObject().put("slept", millis).put("attempt", context.attempt())));
        }
      });
      context.whenCancelled().onSuccess(v -> {
        context.vertx().cancelTimer(timer);
        done.tryFail(new java.util.concurrent.CancellationException());
      });
      return done.future();
    }
  }

  /** Fails (retryably) until attempt params.succeedOn. */
  public static final class Flaky implements TaskType {
    @Override public String name() { return "Flaky"; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      FLAKY_STARTS.computeIfAbsent(context.taskId(), id -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
      int succeedOn = context.params().getInteger("succeedOn", 1);
      if (context.attempt() < succeedOn) {
        return Future.failedFuture(TaskFailure.retryable("flaky failure on attempt " + context.attempt(), null));
      }
      return Future.succeededFuture(TaskResult.json(new JsonObject().put("attempt", context.attempt())));
    }
  }

  /** Always fails: permanently when params.permanent, otherwise with an ordinary exception. */
  public static final class Broken implements TaskType {
    @Override public String name() { return "Broken"; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      if (context.params().getBoolean("permanent", false)) {
        return Future.failedFuture(TaskFailure.permanent("input can never work"));
      }
      throw new IllegalStateException("boom on attempt " + context.attempt());
    }
  }

  /** One at a time; records the order tasks start in (params.name); params.hold waits for {@link #gate}. */
  public static final class Recorder implements TaskType {
    @Override public String name() { return "Recorder"; }
    @Override public int concurrency() { return 1; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      START_ORDER.add(context.params().getString("name"));
      Future<Void> wait = context.params().getBoolean("hold", false) ? gate.future() : Future.succeededFuture();
      return wait.map(v -> TaskResult.json(new JsonObject().put("name", context.params().getString("name"))));
    }
  }

  /** Waits (TaskFailure.unavailable) until {@link #serviceUp}, as a task whose backing service is still starting. */
  public static final class NeedsService implements TaskType {
    @Override public String name() { return "NeedsService"; }
    @Override public Future<TaskResult> execute(TaskContext context) {
      count(SERVICE_LOOKS, context);
      if (!serviceUp) {
        return Future.failedFuture(TaskFailure.unavailable("the test service is not up yet", null));
      }
      return Future.succeededFuture(TaskResult.json(new JsonObject().put("attempt", context.attempt())));
    }
  }

  /**
   * The soak's recorder, across processes: every run appends {@code start <attempt> <pid>} to
   * {@code <ledger>/<taskId>.runs}, sleeps params.millis, then applies its effect once per task id
   * (creates {@code <taskId>.effect}; a later run of the same task finds it and appends
   * {@code already <attempt>} instead of {@code applied <attempt>}): the idempotency key a real effect
   * would use, since a run killed after its effect and before its completion was written runs again.
   */
  public static final class Ledger implements TaskType {
    @Override public String name() { return "Ledger"; }
    @Override public int concurrency() { return 64; }
    @Override public JsonObject paramsSchema() {
      return new JsonObject("""
          {"type":"object","required":["millis","ledger","n"],"additionalProperties":false,
           "properties":{"millis":{"type":"integer","minimum":0,"maximum":60000},"ledger":{"type":"string"},"n":{"type":"integer"}}}""");
    }
    @Override public Future<TaskResult> execute(TaskContext context) {
      java.nio.file.Path folder = java.nio.file.Path.of(context.params().getString("ledger"));
      return context.vertx().executeBlocking(() -> {
        append(folder.resolve(context.taskId() + ".runs"), "start " + context.attempt() + " " + ProcessHandle.current().pid());
        return null;
      }).compose(v -> {
        Promise<Void> slept = Promise.promise();
        context.vertx().setTimer(Math.max(1, context.params().getLong("millis")), id -> slept.complete());
        return slept.future();
      }).compose(v -> context.vertx().executeBlocking(() -> {
        java.nio.file.Path effect = folder.resolve(context.taskId() + ".effect");
        boolean applied;
        try {
          java.nio.file.Files.createFile(effect);
          applied = true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          applied = false;
        }
        append(folder.resolve(context.taskId() + ".runs"), (applied ? "applied " : "already ") + context.attempt());
        return TaskResult.json(new JsonObject().put("n", context.params().getInteger("n")).put("applied", applied));
      }));
    }

    private static void append(java.nio.file.Path file, String line) throws java.io.IOException {
      java.nio.file.Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }
}
