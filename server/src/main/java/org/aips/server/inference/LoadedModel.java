package org.aips.server.inference;

import org.aips.server.inference.loader.ModelFileException;
import org.aips.server.inference.loader.TfjsGraphModel;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;

/**
 * A model loaded into a TensorFlow session, owned by one thread of one inference verticle.
 * Takes a batch (uint8 pixels scaled to floats, or floats) and returns the configured outputs.
 */
public final class LoadedModel implements AutoCloseable {

  private final ModelSpec spec;
  private final AutoCloseable owner;
  private final Session session;
  private final SessionFunction function;

  private LoadedModel(ModelSpec spec, AutoCloseable owner, Session session, SessionFunction function) {
    this.spec = spec;
    this.owner = owner;
    this.session = session;
    this.function = function;
  }

  public static LoadedModel load(ModelSpec spec, ConfigProto sessionConfig) {
    if (spec.format() == ModelSpec.Format.SAVEDMODEL) {
      if (!Files.isDirectory(spec.path())) {
        throw new ModelFileException(spec.path(), "SavedModel folder is missing");
      }
      SavedModelBundle bundle = SavedModelBundle.loader(spec.path().toString()).withTags("serve").withConfigProto(sessionConfig).load();
      return new LoadedModel(spec, bundle, bundle.session(), bundle.function("serving_default"));
    }
    Graph graph = new Graph();
    try {
      graph.importGraphDef(TfjsGraphModel.toGraphDef(spec.path()));
      return new LoadedModel(spec, graph, new Session(graph, sessionConfig), null);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  /** The input shape with a batch of one (unknown dimensions, such as the batch, become 1). */
  public long[] inputShapeOfOne() {
    long[] shape;
    if (function != null) {
      shape = function.signature().getInputs().get(spec.input()).shape.asArray();
    } else {
      shape = session.graph().operationOrThrow(spec.input()).output(0).shape().asArray();
    }
    if (shape == null) {
      throw new IllegalStateException("model " + spec.name() + ": input " + spec.input() + " has an unknown rank");
    }
    long[] one = shape.clone();
    for (int i = 0; i < one.length; i++) {
      one[i] = one[i] < 0 ? 1 : one[i];
    }
    return one;
  }

  /** Runs one batch; output tensors keep the batch as their first dimension. */
  public List<TensorData> run(TensorData input) {
    try (Tensor in = toTensor(input); Result result = execute(in, null)) {
      List<TensorData> outputs = new ArrayList<>();
      for (int i = 0; i < spec.outputs().size(); i++) {
        outputs.add(toData(spec.outputs().get(i), output(result, i)));
      }
      return outputs;
    }
  }

  /**
   * Runs a zero input once with tracing on: warms the session up and reports the devices the
   * kernels ran on (e.g. {@code /device:CPU:0}). TensorFlow allows one tracing session per
   * process, hence the lock.
   */
  public String warmUpAndDescribeDevices(long[] inputShape) {
    synchronized (LoadedModel.class) {
      return traceOneRun(inputShape);
    }
  }

  private String traceOneRun(long[] inputShape) {
    TensorData zeros = TensorData.ofBytes(spec.input(), inputShape, new byte[Math.toIntExact(elements(inputShape))]);
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (Tensor in = toTensor(zeros); Result result = execute(in, trace)) {
      TreeSet<String> devices = new TreeSet<>();
      result.getMetadata().ifPresent(meta -> meta.getStepStats().getDevStatsList().stream()
          .filter(stats -> stats.getNodeStatsCount() > 0)
          .forEach(stats -> devices.add(stats.getDevice().replaceFirst("^/job:[^/]*/replica:\\d+/task:\\d+", ""))));
      return devices.isEmpty() ? "unknown" : String.join(", ", devices);
    }
  }

  /** A session run returns fetches in order; a SavedModel signature returns them by output key. */
  private Tensor output(Result result, int index) {
    String name = spec.outputs().get(index);
    if (function == null) {
      return result.get(index);
    }
    return result.get(name).orElseThrow(() -> new IllegalStateException("model " + spec.name()
        + ": the serving_default signature has no output " + name + " (it has " + result.keySet() + ")"));
  }

  private Result execute(Tensor input, RunOptions options) {
    if (function != null) {
      return function.call(Map.of(spec.input(), input));
    }
    Session.Runner runner = session.runner().feed(spec.input(), input);
    spec.outputs().forEach(runner::fetch);
    if (options != null) {
      return runner.setOptions(options).runAndFetchMetadata();
    }
    return runner.run();
  }

  private TFloat32 toTensor(TensorData input) {
    float[] values = input.floats();
    if (input.isUint8()) {
      byte[] pixels = input.bytes();
      values = new float[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        values[i] = (pixels[i] & 0xff) * spec.scale() + spec.offset();
      }
    }
    return TFloat32.tensorOf(Shape.of(input.shape()), DataBuffers.of(values, true, false));
  }

  private static TensorData toData(String name, Tensor tensor) {
    long[] shape = tensor.shape().asArray();
    float[] values = new float[Math.toIntExact(tensor.shape().size())];
    if (tensor instanceof TFloat32 floats) {
      floats.copyTo(DataBuffers.of(values, false, false));
    } else if (tensor instanceof TInt32 ints) {
      int[] raw = new int[values.length];
      ints.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        values[i] = raw[i];
      }
    } else if (tensor instanceof TInt64 longs) {
      long[] raw = new long[values.length];
      longs.copyTo(DataBuffers.of(raw, false, false));
      for (int i = 0; i < raw.length; i++) {
        values[i] = raw[i];
      }
    } else {
      throw new IllegalStateException("output " + name + " has unsupported type " + tensor.dataType());
    }
    return TensorData.ofFloats(name, shape, values);
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public void close() throws Exception {
    if (function == null) {
      session.close();
    }
    owner.close();
  }
}
