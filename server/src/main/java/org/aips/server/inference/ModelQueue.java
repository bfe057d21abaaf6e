package org.aips.server.inference;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import org.aips.spi.services.ServiceFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The dynamic batcher of one model in one inference verticle (as Triton's): requests wait until
 * {@code maxBatch} items are queued or the oldest has waited {@code maxQueueDelayMs}, then run as
 * one batch on the verticle's TensorFlow thread. At most {@code queueLimit} requests wait; more
 * are answered BUSY at once. Requests whose deadline passed are answered DEADLINE_EXCEEDED
 * without running. Lives on the verticle's event loop; only the session call runs elsewhere.
 */
final class ModelQueue {

  private static final Logger LOG = LoggerFactory.getLogger(ModelQueue.class);

  private record Pending(Message<Buffer> message, TensorData input, long deadline, long arrived) {
  }

  private final Vertx vertx;
  private final WorkerExecutor tensorflowThread;
  private final LoadedModel model;
  private final ModelSpec spec;
  private final InferenceMeters.Model meters;
  private final Deque<Pending> waiting = new ArrayDeque<>();
  private boolean running;
  private long timer = -1;

  ModelQueue(Vertx vertx, WorkerExecutor tensorflowThread, LoadedModel model, InferenceMeters meters) {
    this.vertx = vertx;
    this.tensorflowThread = tensorflowThread;
    this.model = model;
    this.spec = model.spec();
    this.meters = meters.model(spec.name());
  }

  void offer(Message<Buffer> message) {
    if (waiting.size() >= spec.queueLimit()) {
      meters.busy().increment();
      message.fail(ServiceFailure.BUSY.code(), "model " + spec.name() + " is busy: " + waiting.size()
          + " requests queued (inference.models." + spec.name() + ".queueLimit)");
      return;
    }
    TensorData input;
    try {
      input = TensorCodec.decode(message.body()).get(0);
    } catch (RuntimeException e) {
      message.fail(ServiceFailure.BAD_REQUEST.code(), "model " + spec.name() + ": " + e.getMessage());
      return;
    }
    String deadline = message.headers().get(InferenceClient.DEADLINE_HEADER);
    waiting.add(new Pending(message, input, deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline), System.currentTimeMillis()));
    meters.queued().incrementAndGet();
    schedule();
  }

  private void schedule() {
    if (running) {
      return;
    }
    dropExpired();
    if (waiting.isEmpty()) {
      return;
    }
    long waited = System.currentTimeMillis() - waiting.peek().arrived();
    if (queuedItems() >= spec.maxBatch() || waited >= spec.maxQueueDelayMillis()) {
      cancelTimer();
      runBatch();
    } else if (timer < 0) {
      timer = vertx.setTimer(spec.maxQueueDelayMillis() - waited, id -> {
        timer = -1;
        schedule();
      });
    }
  }

  private void runBatch() {
    List<Pending> batch = takeBatch();
    meters.queued().addAndGet(-batch.size());
    TensorData input = concatenate(batch);
    meters.batchSize().record(input.batch());
    running = true;
    tensorflowThread.executeBlocking(() -> model.run(input), false).onComplete(done -> {
      running = false;
      long now = System.currentTimeMillis();
      batch.forEach(p -> meters.latency().record(Duration.ofMillis(now - p.arrived())));
      if (done.succeeded()) {
        reply(batch, done.result());
      } else {
        LOG.warn("model {} failed on a batch of {}", spec.name(), input, done.cause());
        batch.forEach(p -> p.message().fail(ServiceFailure.INTERNAL.code(), "model " + spec.name() + " failed: " + done.cause().getMessage()));
      }
      schedule();
    });
  }

  /** At least one request; more while they fit in maxBatch and share the first one's item shape and type. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    batch.add(waiting.poll());
    TensorData first = batch.get(0).input();
    int items = first.batch();
    while (!waiting.isEmpty()) {
      TensorData next = waiting.peek().input();
      boolean compatible = next.isUint8() == first.isUint8()
          && Arrays.equals(Arrays.copyOfRange(next.shape(), 1, next.shape().length), Arrays.copyOfRange(first.shape(), 1, first.shape().length));
      if (!compatible || items + next.batch() > spec.maxBatch()) {
        break;
      }
      items += next.batch();
      batch.add(waiting.poll());
    }
    return batch;
  }

  private static TensorData concatenate(List<Pending> batch) {
    if (batch.size() == 1) {
      return batch.get(0).input();
    }
    TensorData first = batch.get(0).input();
    long[] shape = first.shape().clone();
    shape[0] = batch.stream().mapToInt(p -> p.input().batch()).sum();
    int offset = 0;
    if (first.isUint8()) {
      byte[] all = new byte[Math.toIntExact(shape[0] * first.itemSize())];
      for (Pending p : batch) {
        System.arraycopy(p.input().bytes(), 0, all, offset, p.input().bytes().length);
        offset += p.input().bytes().length;
      }
      return TensorData.ofBytes(first.name(), shape, all);
    }
    float[] all = new float[Math.toIntExact(shape[0] * first.itemSize())];
    for (Pending p : batch) {
      System.arraycopy(p.input().floats(), 0, all, offset, p.input().floats().length);
      offset += p.input().floats().length;
    }
    return TensorData.ofFloats(first.name(), shape, all);
  }

  /** Splits each output along its batch dimension, in request order. */
  private static void reply(List<Pending> batch, List<TensorData> outputs) {
    int start = 0;
    for (Pending p : batch) {
      int count = p.input().batch();
      List<TensorData> mine = new ArrayList<>();
      for (TensorData output : outputs) {
        int size = output.itemSize();
        long[] shape = output.shape().clone();
        shape[0] = count;
        mine.add(TensorData.ofFloats(output.name(), shape, Arrays.copyOfRange(output.floats(), start * size, (start + count) * size)));
      }
      p.message().reply(TensorCodec.encode(mine));
      start += count;
    }
  }

  private void dropExpired() {
    long now = System.currentTimeMillis();
    waiting.removeIf(p -> {
      if (p.deadline() > now) {
        return false;
      }
      meters.queued().decrementAndGet();
      meters.expired().increment();
      p.message().fail(ServiceFailure.DEADLINE_EXCEEDED.code(), "deadline passed while queued for model " + spec.name());
      return true;
    });
  }

  private int queuedItems() {
    return waiting.stream().mapToInt(p -> p.input().batch()).sum();
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  void close() {
    cancelTimer();
    waiting.forEach(p -> p.message().fail(ServiceFailure.NO_INFERENCE.code(), "inference verticle stopping"));
    meters.queued().addAndGet(-waiting.size());
    waiting.clear();
  }
}
