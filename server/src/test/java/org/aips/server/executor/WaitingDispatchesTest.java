package org.aips.server.executor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.blob.BlobStore;
import org.aips.server.bus.Addresses;
import org.aips.server.support.TestNode;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node can be sent more tasks than its concurrency (a scheduler counts the capacity of every node of
 * a type): the rest wait on the node and start as runs end. Tasks that end at once must not start the
 * next one from inside the last one's end: thousands waiting would nest that deep and overflow the
 * stack, leaving one run started and never ended (its lease renewed for ever, the task never done).
 */
class WaitingDispatchesTest {

  private static final int TASKS = 30_000;

  @Test
  void thousandsOfWaitingTasksThatEndAtOnceAllRunAndAllReportBack() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ExecutorCodecs.register(vertx.eventBus());
      Promise<TaskResult> first = Promise.promise();
      TaskType gate = new TaskType() {
        private boolean opened;

        @Override public String name() { return "Gate"; }

        @Override public int concurrency() { return 1; }

        @Override public Future<TaskResult> execute(TaskContext context) {
          if (!opened) { // the first run holds the only slot while all the others arrive and wait
            opened = true;
            return first.future();
          }
          return Future.succeededFuture(TaskResult.json(new JsonObject()));
        }
      };
      String inbox = "test-scheduler";
      Set<Long> reported = ConcurrentHashMap.newKeySet();
      vertx.eventBus().<RunOutcomes>consumer(Addresses.outcomeInbox(inbox), message -> {
        message.body().outcomes().forEach(outcome -> reported.add(outcome.id()));
        message.reply(null);
      }).completion().await();
      vertx.deployVerticle(new ExecutorVerticle(List.of(gate), "waiting-test", 3000,
          new BlobStore(TestNode.newDataDir("waiting-blobs")))).await();

      List<Dispatch> tasks = new ArrayList<>();
      for (long id = 1; id <= TASKS; id++) {
        tasks.add(new Dispatch(id, "Gate", 1, 80, new JsonObject(), null, Map.of(), Map.of(), inbox));
      }
      vertx.eventBus().request(Addresses.executor("Gate"), new DispatchBatch(tasks)).await();
      vertx.setTimer(200, id -> first.complete(TaskResult.json(new JsonObject())));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (reported.size() < TASKS && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(reported).as("tasks whose outcome came back").hasSize(TASKS);
    } finally {
      vertx.close().await();
    }
  }
}
