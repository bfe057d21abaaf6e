package org.aips.server.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.aips.server.api.NewTask;
import org.aips.server.api.PluginTaskStore;
import org.aips.server.api.TaskStore;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.db.Migrations;
import org.aips.server.lifecycle.IllegalTransitionException;
import org.aips.server.lifecycle.TaskTransition;
import org.aips.server.support.TestNode;
import org.aips.spi.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The storage contract: every statement that moves a task, run against the real database, alone
 * and racing the statements it can meet in production (cancel against claim, completion against
 * lease expiry, two schedulers claiming). After each scenario every task's recorded history must
 * replay through {@link TaskTransition} from nothing to the state the tables say it is in, and the
 * queue tables must agree with it.
 */
class TaskStorageContractTest {

  private static EmbeddedDatabase database;
  private static Vertx vertx;
  private static Pool pool;
  private static QueueStore queue;
  private static TaskStore tasks;
  private static PluginTaskStore pluginTasks;
  private static final RetryBackoff NO_BACKOFF = new RetryBackoff(0, 0, 0);
  private static final long NO_BYTE_LIMIT = Long.MAX_VALUE;

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("storage-contract"));
    DatabaseUrl url = database.url();
    Migrations.migrate(url);
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(url.connectOptions()).using(vertx).build();
    // the scheduler's claims on a connection as SchedulerVerticle connects it
    Pool claims = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(url.claimOptions()).using(vertx).build();
    // the HTTP side's pools, connected as ApiVerticle connects them (the scheduler's small completions: as lookups)
    Pool lookups = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(url.lookupOptions()).using(vertx).build();
    queue = new QueueStore(pool, claims, lookups);
    Pool batches = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(url.batchOptions()).using(vertx).build();
    tasks = new TaskStore(lookups, batches, 1000);
    pluginTasks = new PluginTaskStore(lookups);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await();
    vertx.close().await();
    database.close();
  }

  @Test
  void aTaskThatRunsRecordsSubmittedClaimedCompleted() {
    String type = newType();
    String code = given(type).submit(1).get(0);
    Row claimed = queue.claim(Map.of(type, 5), "scheduler-a", 30, NO_BYTE_LIMIT).await().iterator().next();
    assertThat(claimed.getString("query_code")).isEqualTo(code);

    var done = queue.complete(List.of(completion(claimed, "executor-b"))).await();

    assertThat(done.size()).isEqualTo(1);
    assertThat(events(code)).extracting(e -> e.getString("event") + "/" + e.getString("state") + "@" + e.getString("node"))
        .containsExactly("submitted/waiting@null", "claimed/running@scheduler-a", "completed/done@executor-b");
    assertConsistent(type);
  }

  @Test
  void twoSchedulersClaimingAtOnceNeverTakeTheSameTask() {
    String type = newType();
    given(type).submit(300);
    Set<Long> byA = new HashSet<>();
    Set<Long> byB = new HashSet<>();
    while (byA.size() + byB.size() < 300) {
      var a = queue.claim(Map.of(type, 16), "scheduler-a", 30, NO_BYTE_LIMIT);
      var b = queue.claim(Map.of(type, 16), "scheduler-b", 30, NO_BYTE_LIMIT);
      Future.all(a, b).await();
      a.result().forEach(row -> assertThat(byA.add(row.getLong("id"))).isTrue());
      b.result().forEach(row -> assertThat(byB.add(row.getLong("id"))).isTrue());
      assertThat(a.result().size() + b.result().size()).as("progress").isPositive();
    }
    Set<Long> both = new HashSet<>(byA);
    both.retainAll(byB);
    assertThat(both).as("tasks claimed by both").isEmpty();
    assertThat(count("SELECT count(*) FROM task_run r JOIN task t ON t.id = r.id WHERE t.task_type = $1", type)).isEqualTo(300);
    assertConsistent(type);
  }

  @Test
  void cancelRacingClaimEndsEachTaskOneWayOrTheOther() {
    String type = newType();
    List<String> codes = given(type).submit(60);
    List<Future<?>> racing = new ArrayList<>();
    for (int i = 0; i < codes.size(); i += 2) {
      racing.add(queue.claim(Map.of(type, 2), "scheduler-a", 30, NO_BYTE_LIMIT));
      racing.add(tasks.cancel(codes.get(i), "contract"));
    }
    Future.join(racing).await();

    for (int i = 0; i < codes.size(); i += 2) {
      List<String> history = events(codes.get(i)).stream().map(e -> e.getString("event")).toList();
      assertThat(history).as("a cancelled task is cancelled once, whether it had been claimed or not")
          .containsAnyOf("cancelled", "claimed").endsWith("cancelled");
    }
    assertConsistent(type);
  }

  @Test
  void aCompletionRacingLeaseExpiryIsWrittenOrRetriedNeverBoth() {
    String type = newType();
    given(type).submit(40);
    var claimed = queue.claim(Map.of(type, 40), "scheduler-a", 0, NO_BYTE_LIMIT).await(); // leases already expired
    List<Completion> finished = new ArrayList<>();
    claimed.forEach(row -> finished.add(completion(row, "executor-b")));

    var completed = queue.complete(finished);
    var recovered = queue.recoverOrphans(3, "scheduler-b", false, NO_BACKOFF);
    Future.join(completed, recovered).await();

    Set<Long> done = new HashSet<>();
    completed.result().forEach(row -> done.add(row.getLong("id")));
    Set<Long> retried = new HashSet<>();
    recovered.result().forEach(row -> retried.add(row.getLong("id")));
    Set<Long> both = new HashSet<>(done);
    both.retainAll(retried);
    assertThat(both).as("tasks both completed and retried").isEmpty();
    assertThat(done.size() + retried.size()).isEqualTo(40);
    assertConsistent(type);
  }

  @Test
  void aFailedRunIsRetriedUntilItsAttemptsAreSpentThenFails() {
    String type = newType();
    String code = given(type).submit(1).get(0);
    for (int attempt = 1; attempt <= 3; attempt++) {
      Row run = queue.claim(Map.of(type, 1), "scheduler-a", 30, NO_BYTE_LIMIT).await().iterator().next();
      Row ended = queue.fail(run.getLong("id"), run.getInteger("attempts"), true, 3, true, "boom " + attempt, 0).await().orElseThrow();
      assertThat(ended.getString("status")).isEqualTo(attempt < 3 ? "waiting" : "failed");
    }
    assertThat(events(code)).extracting(e -> e.getString("event") + ":" + e.getString("detail")).containsExactly(
        "submitted:null", "claimed:null", "retried:boom 1", "claimed:null", "retried:boom 2", "claimed:null", "failed:boom 3");
    assertThat(queue.fail(1L << 40, 1, true, 3, true, "no such run", 0).await()).isEmpty();
    assertConsistent(type);
  }

  @Test
  void aStoppedTaskResumesAtItsPlaceAndOnlyLegalMovesAreMade() {
    String type = newType();
    String owner = "contract-plugin";
    List<String> codes = given(type).owner(owner).submit(3);
    String first = codes.get(0);
    assertThat(pluginTasks.halt(owner, first, "stopped", "stopped by the test").await()).isPresent();
    assertThat(pluginTasks.halt(owner, first, "stopped", "again").await()).as("stopped → stopped").isEmpty();
    assertThat(queue.claim(Map.of(type, 1), "scheduler-a", 30, NO_BYTE_LIMIT).await().iterator().next().getString("query_code"))
        .as("a stopped task is not claimed").isEqualTo(codes.get(1));

    assertThat(pluginTasks.start(owner, first).await()).isPresent();
    assertThat(queue.claim(Map.of(type, 1), "scheduler-a", 30, NO_BYTE_LIMIT).await().iterator().next().getString("query_code"))
        .as("resumed at its old place, ahead of later tasks").isEqualTo(first);

    String last = codes.get(2);
    assertThat(pluginTasks.halt(owner, last, "stopped", "stopped").await()).isPresent();
    assertThat(pluginTasks.halt(owner, last, "cancelled", "cancelled").await()).as("stopped → cancelled").isPresent();
    assertThat(pluginTasks.start(owner, last).await()).as("cancelled → waiting").isEmpty();
    assertThat(events(last)).extracting(e -> e.getString("event")).containsExactly("submitted", "stopped", "cancelled");
    assertConsistent(type);
  }

  @Test
  void theLifecycleNamesAnIllegalMove() {
    assertThatThrownBy(() -> TaskTransition.CANCELLED.check(TaskState.DONE))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("done → cancelled");
    assertThatThrownBy(() -> TaskTransition.RESUMED.check(TaskState.RUNNING)).hasMessageContaining("running → waiting");
    assertThat(TaskTransition.PURGED.target(TaskState.FAILED)).isEqualTo(TaskState.FAILED);
  }

  @Test
  void aClaimStopsAtItsByteBudgetWithTheTypesTakingTurnsAndRetriesKeepTheirSize() {
    String a = newType();
    String b = newType();
    JsonObject params = new JsonObject().put("pad", "x".repeat(990));
    given(a).params(params).submit(5);
    given(b).params(params).submit(5);
    long each = count("SELECT max(bytes) FROM task_queue WHERE task_type = $1", a);
    assertThat(each).as("a queue row's size: its params as text").isCloseTo(params.encode().length(), within(2L));

    var claimed = queue.claim(Map.of(a, 5, b, 5), "scheduler-a", 30, 3 * each + 1).await();
    List<Row> rows = new ArrayList<>();
    claimed.forEach(rows::add);
    assertThat(rows).as("kept while the bytes before each are under the budget").hasSize(4);
    assertThat(rows).extracting(r -> r.getString("task_type")).containsOnly(a, b).filteredOn(a::equals).hasSize(2);
    assertThat(rows.get(0).getLong("claim_bytes")).isEqualTo(4 * each);
    assertThat(queue.claim(Map.of(a, 5), "scheduler-a", 30, 1).await().size()).as("a budget under one task's size").isEqualTo(1);

    Row retried = rows.get(0);
    queue.fail(retried.getLong("id"), retried.getInteger("attempts"), true, 3, true, "try again", 0).await();
    assertThat(count("SELECT max(bytes) FROM task_queue WHERE id = " + retried.getLong("id") + " AND task_type = $1",
        retried.getString("task_type"))).as("the requeued row's size").isEqualTo(each);
    assertConsistent(a);
    assertConsistent(b);
  }

  @Test
  void aFinishedTaskIsNotCancelled() {
    String type = newType();
    String code = given(type).submit(1).get(0);
    Row run = queue.claim(Map.of(type, 1), "scheduler-a", 30, NO_BYTE_LIMIT).await().iterator().next();
    queue.complete(List.of(completion(run, "executor-b"))).await();
    assertThat(tasks.cancel(code, "contract").await()).isEmpty();
    assertThat(events(code)).extracting(e -> e.getString("event")).containsExactly("submitted", "claimed", "completed");
    assertConsistent(type);
  }

  // ---- invariants ----

  /**
   * Every task of the type: its history replays legally from nothing to its current state; a
   * waiting task has exactly one queue row, a running one exactly one run row; queue_length counts the queue.
   */
  private static void assertConsistent(String type) {
    var rows = pool.preparedQuery("""
        SELECT t.id, CASE WHEN r.id IS NOT NULL THEN 'running' ELSE t.status END AS state,
          (SELECT count(*) FROM task_queue q WHERE q.id = t.id) AS queued, (r.id IS NOT NULL) AS run
        FROM task t LEFT JOIN task_run r ON r.id = t.id WHERE t.task_type = $1""").execute(Tuple.of(type)).await();
    for (Row task : rows) {
      TaskState now = TaskTransition.state(task.getString("state"));
      TaskState replayed = replay(task.getLong("id"));
      assertThat(replayed).as("task %d: history ends where the tables are", task.getLong("id")).isEqualTo(now);
      assertThat(task.getLong("queued")).as("queue rows of a %s task", now).isEqualTo(now == TaskState.WAITING ? 1L : 0L);
    }
    long queued = count("SELECT count(*) FROM task_queue WHERE task_type = $1", type);
    long counted = count("SELECT coalesce(sum(waiting), 0) FROM queue_waiting WHERE task_type = $1", type);
    assertThat(counted).as("queue_length").isEqualTo(queued);
  }

  private static TaskState replay(long taskId) {
    var events = pool.preparedQuery("SELECT event, state FROM task_event WHERE task_id = $1 ORDER BY at")
        .execute(Tuple.of(taskId)).await();
    TaskState state = null;
    for (Row event : events) {
      TaskTransition transition = TaskTransition.valueOf(event.getString("event").toUpperCase(Locale.ROOT));
      if (state == null) {
        assertThat(transition).as("the first event").isEqualTo(TaskTransition.SUBMITTED);
      } else {
        transition.check(state);
      }
      state = transition.target(state);
      assertThat(event.getString("state")).as("recorded state after " + transition).isEqualTo(TaskTransition.wireName(state));
    }
    return state;
  }

  // ---- builders ----

  private static String newType() {
    return "Contract" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static TaskBuilder given(String type) {
    return new TaskBuilder(type);
  }

  /** Submissions through the real insert statement. */
  private static final class TaskBuilder {
    private final String type;
    private String owner;
    private JsonObject params = new JsonObject();

    TaskBuilder(String type) {
      this.type = type;
    }

    TaskBuilder params(JsonObject params) {
      this.params = params;
      return this;
    }

    TaskBuilder owner(String plugin) {
      this.owner = plugin;
      return this;
    }

    List<String> submit(int n) {
      List<NewTask> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(new NewTask(type, 0, UUID.randomUUID().toString().replace("-", ""), 3600, null, null, null, 80,
            params, owner == null ? "contract" : "plugin:" + owner, 1, 1, null, null, "", null, null, 1, owner));
      }
      return tasks.insert(batch, 1000).await().stream().map(s -> s.queryCode()).toList();
    }
  }

  private static Completion completion(Row claimed, String node) {
    InFlight run = new InFlight(claimed.getLong("id"), claimed.getString("task_type"), claimed.getInteger("attempts"),
        System.currentTimeMillis(), claimed.getString("owner"), claimed.getString("query_code"), claimed.getString("user_id"));
    return new Completion(run, null, "application/json", new JsonObject().put("ok", true), node, 0.01);
  }

  private static List<JsonObject> events(String code) {
    String user = code == null ? null : pool.preparedQuery("SELECT user_id FROM task WHERE query_code = $1")
        .execute(Tuple.of(code)).await().iterator().next().getString(0);
    return tasks.history(code, user).await().orElseThrow().getJsonArray("events").stream().map(JsonObject.class::cast).toList();
  }

  private static long count(String sql, String type) {
    return pool.preparedQuery(sql).execute(Tuple.of(type)).await().iterator().next().getLong(0);
  }
}
