package org.aips.server.queue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.executor.RunOutcomes;
import org.aips.server.executor.RunOutcomes.Outcome;
import org.aips.server.executor.RunOutput;

import java.util.List;
import java.util.Set;

/** A test playing an executor node ("test-node") on the scheduler's event bus, so that what reaches the node is observable. */
final class StandInExecutor {

  private StandInExecutor() {
  }

  /** Announces a type from the stand-in node; until {@link #answering} consumes its address, dispatches to it find no handler. */
  static void announce(Vertx vertx, String type, int concurrency, Set<String> inputs) {
    TaskTypeOffer offer = new TaskTypeOffer(type, new JsonObject(), inputs, List.of(), concurrency);
    vertx.eventBus().publish(Addresses.EXECUTOR_ANNOUNCE,
        new JsonObject().put("node", "test-node-" + type).put("types", new JsonArray().add(offer.toJson())));
  }

  /** Acknowledges each batch, records it in {@code batches}, and answers every task in it with a JSON result. */
  static MessageConsumer<DispatchBatch> answering(Vertx vertx, String type, List<List<Dispatch>> batches) {
    return vertx.eventBus().<DispatchBatch>consumer(Addresses.executor(type), message -> {
      message.reply(null);
      List<Dispatch> tasks = message.body().tasks();
      batches.add(tasks);
      List<Outcome> outcomes = tasks.stream()
          .map(d -> Outcome.succeeded(d, new RunOutput("test-node", "application/json", null, new JsonObject().put("ran", d.id()))))
          .toList();
      vertx.eventBus().send(Addresses.outcomeInbox(tasks.get(0).inbox()), new RunOutcomes(outcomes));
    });
  }
}
