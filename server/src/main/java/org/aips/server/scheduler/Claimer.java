package org.aips.server.scheduler;

import io.vertx.sqlclient.Row;
import org.aips.server.bus.TaskTypeDirectory;
import org.aips.server.bus.TaskTypeOffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Claims waiting tasks while executors have free slots: one claim statement at a time for every
 * type with room, in processNo order (FOR UPDATE SKIP LOCKED, so schedulers share the database),
 * handing what it got to the {@link Dispatcher}. Runs on wakes (new work) and after runs end.
 */
final class Claimer {

  /** Most tasks in one dispatch message. */
  private static final int MAX_DISPATCH_BATCH = 256;

  private final SchedulerScope scope;
  private final TaskTypeDirectory directory;
  private final Dispatcher dispatcher;
  /** Finished runs not yet written: at {@code maxUnwritten} no more tasks are claimed (back-pressure). */
  private final IntSupplier unwritten;
  private final int maxUnwritten;
  /** Types whose last claim found fewer tasks than it asked for: not asked again until new work is announced. */
  private final Set<String> drainedTypes = new HashSet<>();
  private boolean claiming;
  private boolean claimAgain;
  /** Counts wakes, so that a claim that raced a wake does not mark a type drained. */
  private long wakes;
  /** Set by a clean stop: nothing more is claimed. */
  private boolean halted;

  Claimer(SchedulerScope scope, TaskTypeDirectory directory, Dispatcher dispatcher, IntSupplier unwritten, int maxUnwritten) {
    this.scope = scope;
    this.directory = directory;
    this.dispatcher = dispatcher;
    this.unwritten = unwritten;
    this.maxUnwritten = maxUnwritten;
  }

  /** New work may be queued (a submission, a requeue): every type may be claimed again. */
  void wake() {
    wakes++;
    drainedTypes.clear();
    claim();
  }

  void halt() {
    halted = true;
  }

  void claim() {
    if (scope.stopping || halted) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    Map<String, Integer> wanted = freeSlots();
    if (wanted.isEmpty()) {
      return;
    }
    claiming = true;
    claimAgain = false;
    long wakesBefore = wakes;
    long maxBytes = scope.config.claimBytes();
    scope.store.claim(wanted, scope.nodeId, scope.config.leaseSeconds(), maxBytes).onComplete(result -> {
      claiming = false;
      if (result.failed()) {
        scope.warn("claiming tasks failed", result.cause());
        return;
      }
      Map<String, List<Row>> claimed = new HashMap<>();
      result.result().forEach(row -> claimed.computeIfAbsent(row.getString("task_type"), type -> new ArrayList<>()).add(row));
      claimed.forEach((type, rows) -> {
        int batch = dispatchBatchSize(type);
        for (int from = 0; from < rows.size(); from += batch) {
          dispatcher.dispatch(type, rows.subList(from, Math.min(rows.size(), from + batch)));
        }
      });
      // Cut by the byte budget (claim_bytes is on every row): the types that got fewer than asked may still have tasks waiting.
      boolean cut = result.result().size() > 0 && result.result().iterator().next().getLong("claim_bytes") >= maxBytes;
      boolean moreWaiting = cut;
      for (Map.Entry<String, Integer> asked : wanted.entrySet()) {
        if (claimed.getOrDefault(asked.getKey(), List.of()).size() >= asked.getValue()) {
          moreWaiting = true;
        } else if (wakes == wakesBefore && !cut) {
          drainedTypes.add(asked.getKey());
        }
      }
      if (claimAgain || moreWaiting) {
        scope.vertx.runOnContext(v -> claim());
      }
    });
  }

  private Map<String, Integer> freeSlots() {
    Map<String, Integer> wanted = new HashMap<>();
    if (unwritten.getAsInt() >= maxUnwritten) {
      return wanted;
    }
    for (String type : directory.types()) {
      if (drainedTypes.contains(type)) {
        continue;
      }
      int capacity = directory.find(type).map(TaskTypeOffer::concurrency).orElse(0);
      capacity = Math.min(capacity, scope.config.concurrencyCaps().getInteger(type, Integer.MAX_VALUE));
      int free = Math.min(capacity - scope.runs.count(type), scope.config.claimBatch());
      if (free > 0) {
        wanted.put(type, free);
      }
    }
    return wanted;
  }

  /** Tasks per dispatch message: up to half a node's concurrency, so that batches still spread over the nodes. */
  private int dispatchBatchSize(String type) {
    int perNode = directory.find(type).map(TaskTypeOffer::concurrency).orElse(1) / Math.max(1, directory.nodes(type));
    return Math.max(1, Math.min(MAX_DISPATCH_BATCH, perNode / 2));
  }
}
