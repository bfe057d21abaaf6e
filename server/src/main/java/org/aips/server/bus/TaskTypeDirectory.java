package org.aips.server.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which task types are runnable right now, learned from executor announcements on the event bus.
 * Each verticle that needs it keeps its own copy (verticles share nothing but the bus). An
 * executor node that stops announcing is forgotten after {@code staleAfterMillis}.
 */
public final class TaskTypeDirectory {

  private record Entry(TaskTypeOffer offer, long seenAt) {
  }

  private record NodeLoad(JsonObject running, long seenAt) {
  }

  /** A live executor node: the types it runs, each with its concurrency and the tasks of it running there now. */
  public record ExecutorNode(String node, Map<String, TaskTypeOffer> offers, JsonObject running) {
  }

  private final Vertx vertx;
  private final long staleAfterMillis;
  /** type name → node id → latest offer */
  private final Map<String, Map<String, Entry>> offers = new HashMap<>();
  /** node id → what it last announced running ({@code type → tasks}) */
  private final Map<String, NodeLoad> loads = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private Runnable onChange = () -> { };

  public TaskTypeDirectory(Vertx vertx, long staleAfterMillis) {
    this.vertx = vertx;
    this.staleAfterMillis = staleAfterMillis;
  }

  public void start(Runnable onChange) {
    this.onChange = onChange;
    consumer = vertx.eventBus().consumer(Addresses.EXECUTOR_ANNOUNCE, message -> accept(message.body()));
    vertx.eventBus().publish(Addresses.EXECUTOR_DISCOVER, new JsonObject());
  }

  public void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** The offer for a type (schema and estimate of any node, concurrency summed over nodes). */
  public Optional<TaskTypeOffer> find(String type) {
    Map<String, Entry> nodes = live(type);
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    TaskTypeOffer any = nodes.values().iterator().next().offer();
    int concurrency = nodes.values().stream().mapToInt(e -> e.offer().concurrency()).sum();
    return Optional.of(new TaskTypeOffer(any.name(), any.paramsSchema(), any.requiredInputs(), any.estimateSecondsByQuality(), concurrency));
  }

  /** How many executor nodes offer the type now. */
  public int nodes(String type) {
    return live(type).size();
  }

  public Set<String> types() {
    Set<String> names = new TreeSet<>();
    for (String type : offers.keySet()) {
      if (!live(type).isEmpty()) {
        names.add(type);
      }
    }
    return names;
  }

  /** Every live executor node, by node id; running counts are as of its last announcement. */
  public Map<String, ExecutorNode> executorNodes() {
    Map<String, ExecutorNode> nodes = new java.util.TreeMap<>();
    for (String type : types()) {
      live(type).forEach((node, entry) -> nodes.computeIfAbsent(node, n -> new ExecutorNode(n, new java.util.TreeMap<>(),
          loads.getOrDefault(n, new NodeLoad(new JsonObject(), 0)).running())).offers().put(type, entry.offer()));
    }
    return nodes;
  }

  /** Drops a type whose address had no consumer: its nodes are gone until they announce again. */
  public void forget(String type) {
    offers.remove(type);
  }

  /** An announcement lists every type the node runs now: types it no longer lists (all of them, when it leaves) are dropped for it. */
  private void accept(JsonObject announcement) {
    String node = announcement.getString("node");
    long now = System.currentTimeMillis();
    loads.put(node, new NodeLoad(announcement.getJsonObject("running", new JsonObject()), now));
    loads.values().removeIf(load -> load.seenAt() < now - staleAfterMillis);
    boolean added = false;
    Set<String> announced = new java.util.HashSet<>();
    for (Object item : announcement.getJsonArray("types")) {
      TaskTypeOffer offer = TaskTypeOffer.fromJson((JsonObject) item);
      announced.add(offer.name());
      Entry previous = offers.computeIfAbsent(offer.name(), n -> new HashMap<>()).put(node, new Entry(offer, now));
      added |= previous == null;
    }
    offers.forEach((type, nodes) -> {
      if (!announced.contains(type)) {
        nodes.remove(node);
      }
    });
    if (added) {
      onChange.run();
    }
  }

  private Map<String, Entry> live(String type) {
    Map<String, Entry> nodes = offers.get(type);
    if (nodes == null) {
      return Map.of();
    }
    long oldest = System.currentTimeMillis() - staleAfterMillis;
    nodes.values().removeIf(e -> e.seenAt() < oldest);
    return nodes;
  }
}
