package org.aips.server.queue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim stops at scheduler.claimBytes of params (at least one task), so that large payloads cannot
 * make one claim's result too big to decode; the tasks it left are claimed at once, not at the next
 * periodic wake. The test plays the executor node, so each claim's tasks arrive as one batch.
 */
class ClaimBudgetTest {

  private static final String TOKEN = Tokens.valid("claim-budget");
  private static final int BUDGET = 40_000;
  private static final int TASKS = 40;

  @Test
  void claimsStopAtTheByteBudgetAndTheRestFollowAtOnce() {
    AipsServer node = TestNode.start(TestNode.config(TestNode.newDataDir("claim-budget"),
        new JsonObject().put("scheduler", new JsonObject().put("claimBytes", BUDGET))));
    try (ApiClient api = new ApiClient(node.vertx(), node.httpPort())) {
      Vertx vertx = node.vertx();
      Runnable announce = () -> StandInExecutor.announce(vertx, "Heavy", 64, Set.of());
      announce.run();
      // No node consumes the type yet: the first dispatch comes back and the tasks wait for an announcement.
      String giant = submit(api, 60_000);
      api.awaitQuery(TOKEN, giant, t -> t.getString("error") != null, Duration.ofSeconds(10));
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        codes.add(submit(api, 10_000));
      }

      List<List<Dispatch>> batches = new CopyOnWriteArrayList<>();
      MessageConsumer<DispatchBatch> consumer = StandInExecutor.answering(vertx, "Heavy", batches);
      consumer.completion().await();
      long announced = System.nanoTime();
      announce.run();
      long announcing = vertx.setPeriodic(1000, id -> announce.run()); // as a live node does: not forgotten
      api.awaitStatus(TOKEN, giant, "done");
      for (String code : codes) {
        api.awaitStatus(TOKEN, code, "done");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - announced);

      List<Dispatch> all = batches.stream().flatMap(List::stream).toList();
      assertThat(all).hasSize(TASKS + 1);
      List<Dispatch> first = batches.get(0);
      assertThat(first).as("the task larger than the budget is claimed, alone").hasSize(1);
      assertThat(first.get(0).params().getString("pad")).hasSize(60_000);
      // Each 10 KB task counts ~10,012 bytes: four are under 40,000 before the last, a fifth is not.
      assertThat(batches.subList(1, batches.size())).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
      assertThat(batches.stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(4);
      // Ten claims or more: had a cut claim marked the type drained, each would wait for the 1 s periodic wake.
      assertThat(took).as("all claimed one after another").isLessThan(Duration.ofSeconds(5));
      vertx.cancelTimer(announcing);
      consumer.unregister().await();
    } finally {
      node.close().await();
    }
  }

  private static String submit(ApiClient api, int padding) {
    return api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Heavy")
        .put("params", new JsonObject().put("pad", "x".repeat(padding)))).getString("queryCode");
  }
}
