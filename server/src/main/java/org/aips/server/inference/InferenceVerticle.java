package org.aips.server.inference;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import org.aips.server.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Owns one TensorFlow session per configured model and a single thread that runs them (deploy one
 * instance per core, or per GPU). Each model answers on {@code aips.inference.<model>} through its
 * {@link ModelQueue}; on a cluster, only nodes with the {@code inference} role deploy this.
 */
public final class InferenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);

  private final List<ModelSpec> specs;
  private final int sessionThreads;
  private final InferenceMeters meters;
  private final List<LoadedModel> models = new ArrayList<>();
  private final List<ModelQueue> queues = new ArrayList<>();
  private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
  private WorkerExecutor tensorflowThread;

  public InferenceVerticle(List<ModelSpec> specs, int sessionThreads, InferenceMeters meters) {
    this.specs = specs;
    this.sessionThreads = sessionThreads;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    // A pool of one thread of our own: sessions are used by one thread, and a long batch never
    // blocks an event loop or the shared worker pool.
    tensorflowThread = vertx.createSharedWorkerExecutor("aips-inference-" + UUID.randomUUID(), 1, 10, TimeUnit.MINUTES);
    // On a failed start stop() is not called: free what was loaded before the failure.
    return tensorflowThread.executeBlocking(this::loadModels).onFailure(e -> closeModels()).compose(loaded -> {
      List<Future<Void>> registered = new ArrayList<>();
      for (LoadedModel model : models) {
        ModelQueue queue = new ModelQueue(vertx, tensorflowThread, model, meters);
        queues.add(queue);
        MessageConsumer<Buffer> consumer = vertx.eventBus().consumer(Addresses.inference(model.spec().name()), queue::offer);
        consumers.add(consumer);
        registered.add(consumer.completion());
      }
      return Future.all(registered);
    });
  }

  private Void loadModels() {
    if (!"1".equals(System.getenv("TF_ENABLE_ONEDNN_OPTS"))) {
      LOG.warn("TF_ENABLE_ONEDNN_OPTS is not 1: TensorFlow runs without its oneDNN CPU kernels, 2-3x slower (./aips sets it)");
    }
    // Without per-session threads every session of the process shares ONE global inter-op pool,
    // sized by the first session created (1 thread here): the sessions of all inference verticles
    // then queued their ops on that one thread, and two verticles ran little faster than one.
    // (The intra-op pool stays process-wide, sized by the first session's sessionThreads.)
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(sessionThreads)
        .setInterOpParallelismThreads(1)
        .setUsePerSessionThreads(true)
        .setAllowSoftPlacement(true)
        .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
        .build();
    for (ModelSpec spec : specs) {
      long started = System.nanoTime();
      LoadedModel model = LoadedModel.load(spec, config);
      models.add(model);
      String devices = model.warmUpAndDescribeDevices(model.inputShapeOfOne());
      LOG.info("model {} ({}) runs on {}; loaded and warmed up in {} ms", spec.name(), spec.path().getFileName(), devices,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
    return null;
  }

  @Override
  public Future<?> stop() {
    queues.forEach(ModelQueue::close);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
        .compose(unregistered -> closeModels());
  }

  private Future<Void> closeModels() {
    return tensorflowThread.executeBlocking(() -> {
      for (LoadedModel model : models) {
        model.close();
      }
      models.clear();
      return (Void) null;
    }).eventually(() -> tensorflowThread.close());
  }
}
