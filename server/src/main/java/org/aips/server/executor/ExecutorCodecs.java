package org.aips.server.executor;

import io.vertx.core.eventbus.EventBus;
import org.aips.server.bus.RecordCodec;

/** Dispatches and run outputs travel as records within a node and as JSON between nodes; every node registers both. */
public final class ExecutorCodecs {

  private ExecutorCodecs() {
  }

  public static void register(EventBus bus) {
    bus.registerDefaultCodec(Dispatch.class, new RecordCodec<>(Dispatch.class, Dispatch::toJson, Dispatch::fromJson));
    bus.registerDefaultCodec(RunOutput.class, new RecordCodec<>(RunOutput.class, RunOutput::toJson, RunOutput::fromJson));
  }
}
