package org.aips.server.inference;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mul;
import org.tensorflow.types.TFloat32;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's SavedModel (here one exported by TensorFlow Java itself) is served like the pack's models. */
class SavedModelTest {

  @TempDir
  static Path folder;
  private static Vertx vertx;

  @BeforeAll
  static void exportAndDeploy() throws Exception {
    Path model = folder.resolve("doubler");
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Mul<TFloat32> doubled = tf.withName("doubled").math.mul(images, tf.constant(2f));
      try (Session session = new Session(graph)) {
        Signature signature = Signature.builder().key("serving_default").input("pixels", images).output("twice", doubled).build();
        SavedModelBundle.exporter(model.toString()).withFunction(SessionFunction.create(signature, session)).export();
      }
    }
    vertx = Vertx.vertx();
    ModelSpec spec = new ModelSpec("doubler", ModelSpec.Format.SAVEDMODEL, model, "pixels", List.of("twice"), 0.5f, 1, 4, 0, 8);
    vertx.deployVerticle(new InferenceVerticle(List.of(spec), 1, new InferenceMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void savedModelAnswersOverTheEventBusWithItsScaleAndOffsetApplied() {
    TensorData input = TensorData.ofBytes("pixels", new long[] {2, 3}, new byte[] {0, 2, 4, 10, 20, (byte) 200});
    TensorData output = new InferenceClient(vertx).run("doubler", input, System.currentTimeMillis() + 10_000).await().get(0);
    assertThat(output.shape()).containsExactly(2, 3);
    // (x * 0.5 + 1) * 2
    assertThat(output.floats()).containsExactly(2f, 4f, 6f, 12f, 22f, 202f);
  }
}
