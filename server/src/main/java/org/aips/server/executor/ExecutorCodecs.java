package org.aips.server.executor;

import io.vertx.core.eventbus.EventBus;
import org.aips.server.bus.RecordCodec;

/** Dispatch batches and run outcomes travel as records within a node and as JSON between nodes; every node registers both. */
public final class ExecutorCodecs {

  private ExecutorCodecs() {
  }

  public static void register(EventBus bus) {
    bus.registerDefaultCodec(DispatchBatch.class, new RecordCodec<>(DispatchBatch.class, DispatchBatch::toJson, DispatchBatch::fromJson));
    bus.registerDefaultCodec(RunOutcomes.class, new RecordCodec<>(RunOutcomes.class, RunOutcomes::toJson, RunOutcomes::fromJson));
  }
}
