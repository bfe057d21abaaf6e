package org.aips.server.inference;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

import java.nio.file.Path;
import java.util.List;

class ModelLoadingSmoke {
  @Test
  void smoke() throws Exception {
    Path dir = Path.of(System.getProperty("aips.test.modelPack"), "human-models/models");
    ConfigProto cfg = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
    Object[][] models = {
        {"blazeface-back.json", "input", List.of("Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"), new long[]{1, 256, 256, 3}},
        {"facemesh.json", "input_1", List.of("Identity_2:0", "Identity_1:0"), new long[]{2, 192, 192, 3}},
        {"faceres.json", "input_1", List.of("global_pooling/Mean"), new long[]{2, 224, 224, 3}},
        {"centernet.json", "tower_0/images", List.of("tower_0/detections"), new long[]{1, 512, 512, 3}}};
    for (Object[] m : models) {
      long t0 = System.nanoTime();
      @SuppressWarnings("unchecked")
      ModelSpec spec = new ModelSpec("x", ModelSpec.Format.GRAPH, dir.resolve((String) m[0]), (String) m[1], (List<String>) m[2], 1, 0, 1, 0, 1);
      try (LoadedModel model = LoadedModel.load(spec, cfg)) {
        long t1 = System.nanoTime();
        String dev = model.warmUpAndDescribeDevices((long[]) m[3]);
        long t2 = System.nanoTime();
        long[] shape = (long[]) m[3];
        List<TensorData> out = null;
        for (int i = 0; i < 10; i++) out = model.run(TensorData.ofBytes("in", shape, new byte[(int) (shape[0] * shape[1] * shape[2] * 3)]));
        long t3 = System.nanoTime();
        System.out.printf("%s load %d ms warm %d ms run %.1f ms dev %s out %s%n", m[0], (t1 - t0) / 1000000, (t2 - t1) / 1000000, (t3 - t2) / 1e7, dev, out);
      }
    }
  }
}
