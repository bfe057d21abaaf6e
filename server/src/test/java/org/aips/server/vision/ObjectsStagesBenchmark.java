package org.aips.server.vision;

import org.aips.server.bench.VisionBenchmark;
import org.aips.server.inference.LoadedModel;
import org.aips.server.inference.ModelSpec;
import org.aips.server.inference.TensorData;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the objects service's time goes, without the event bus (docs/benchmarks.md): per image,
 * decoding, the 512-px resampling and the CenterNet session run, one thread; and two threads each
 * with its own session (as two inference verticles) with and without per-session TensorFlow
 * threads ({@code -Daips.bench.perSession=false} for the old layout). Run with
 * {@code ./aips bench -Dtest=ObjectsStagesBenchmark -Daips.testdata=../shared/testdata}.
 */
@Tag("benchmark")
class ObjectsStagesBenchmark {

  private static final long[] INPUT_SHAPE = {1, ObjectService.INPUT, ObjectService.INPUT, 3};

  @Test
  void stagesPerImage() throws Exception {
    List<byte[]> files = VisionBenchmark.benchmarkImages().stream().map(Photos::read).toList();
    ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
    try (LoadedModel model = LoadedModel.load(centernet(), config(true))) {
      for (int pass = 0; pass < 3; pass++) {
        long decode = 0;
        long resize = 0;
        long run = 0;
        for (byte[] file : files) {
          long t0 = System.nanoTime();
          RgbImage image = decoder.decode(file);
          long t1 = System.nanoTime();
          byte[] pixels = ObjectService.prepare(image);
          long t2 = System.nanoTime();
          model.run(TensorData.ofBytes("tower_0/images", INPUT_SHAPE, pixels));
          decode += t1 - t0;
          resize += t2 - t1;
          run += System.nanoTime() - t2;
        }
        System.out.printf("objects stages, pass %d, mean per image of %d: decode %.1f ms, resize %.1f ms, CenterNet run %.1f ms%n",
            pass, files.size(), decode / 1e6 / files.size(), resize / 1e6 / files.size(), run / 1e6 / files.size());
      }
    }
  }

  @Test
  void twoSessionsInParallel() throws Exception {
    boolean perSession = Boolean.parseBoolean(System.getProperty("aips.bench.perSession", "true"));
    byte[] pixels = ObjectService.prepare(new ImageDecoder(Long.MAX_VALUE).decode(Photos.faceApiSample(6)));
    try (LoadedModel a = LoadedModel.load(centernet(), config(perSession)); LoadedModel b = LoadedModel.load(centernet(), config(perSession))) {
      for (int pass = 0; pass < 3; pass++) {
        int runs = 20;
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (LoadedModel model : List.of(a, b)) {
          Thread thread = new Thread(() -> {
            for (int i = 0; i < runs; i++) {
              model.run(TensorData.ofBytes("tower_0/images", INPUT_SHAPE, pixels));
            }
          });
          thread.start();
          threads.add(thread);
        }
        for (Thread thread : threads) {
          thread.join();
        }
        System.out.printf("CenterNet, 2 sessions in parallel, per-session threads %s: %.2f runs/s%n", perSession,
            2 * runs / ((System.nanoTime() - started) / 1e9));
      }
    }
  }

  private static ModelSpec centernet() {
    Path json = TestNode.MODEL_PACK.resolve("human-models/models/centernet.json");
    return new ModelSpec("centernet", ModelSpec.Format.GRAPH, json, "tower_0/images", List.of("tower_0/detections"), 1f, 0f, 1, 0, 10);
  }

  /** As InferenceVerticle configures sessions (one intra-op and one inter-op thread). */
  private static ConfigProto config(boolean perSessionThreads) {
    return ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1)
        .setUsePerSessionThreads(perSessionThreads).build();
  }
}
