package org.aips.server.inference;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import org.aips.server.support.TestNode;
import org.aips.server.vision.VisionFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching, the bounded queue and deadlines of the inference verticles, on the real face-mesh model. */
class InferenceQueueTest {

  private static final int QUEUE_LIMIT = 3;
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
  private static Vertx vertx;
  private static InferenceClient client;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    ModelSpec mesh = new ModelSpec("mesh", ModelSpec.Format.GRAPH, TestNode.MODEL_PACK.resolve("human-models/models/facemesh.json"),
        "input_1", List.of("Identity_2:0", "Identity_1:0"), 1 / 255f, 0, 4, 20, QUEUE_LIMIT);
    vertx.deployVerticle(() -> new InferenceVerticle(List.of(mesh), 1, new InferenceMeters(METERS)), new DeploymentOptions().setInstances(1)).await();
    client = new InferenceClient(vertx);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void batchedRequestsGetTheSameAnswersAsSingleOnes() {
    List<TensorData> inputs = List.of(randomCrop(1), randomCrop(2), randomCrop(3));
    List<float[]> alone = new ArrayList<>();
    for (TensorData input : inputs) {
      alone.add(client.run("mesh", input, deadlineIn(30_000)).await().get(0).item(0));
    }
    List<Future<List<TensorData>>> together = inputs.stream().map(input -> client.run("mesh", input, deadlineIn(30_000))).toList();
    Future.all(together).await();
    for (int i = 0; i < inputs.size(); i++) {
      float[] batched = together.get(i).result().get(0).item(0);
      assertThat(together.get(i).result().get(0).shape()).containsExactly(1, 1404);
      for (int j = 0; j < batched.length; j++) {
        assertThat(batched[j]).isCloseTo(alone.get(i)[j], org.assertj.core.api.Assertions.within(1e-3f));
      }
    }
  }

  @Test
  void aFullQueueAnswersBusyInsteadOfGrowing() {
    List<Future<List<TensorData>>> burst = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      burst.add(client.run("mesh", randomCrop(i), deadlineIn(60_000)));
    }
    Future.join(burst).otherwiseEmpty().await();
    long busy = burst.stream().filter(f -> f.failed() && busCode(f.cause()) == VisionFailure.BUSY.busCode()).count();
    long answered = burst.stream().filter(Future::succeeded).count();
    assertThat(busy).isPositive();
    assertThat(answered).isGreaterThanOrEqualTo(QUEUE_LIMIT);
    assertThat(busy + answered).isEqualTo(burst.size());
    assertThat(burst.stream().filter(Future::failed).findFirst().orElseThrow().cause().getMessage()).contains("queueLimit");
    assertThat(METERS.get("aips.inference.refused").tags("model", "mesh", "reason", "busy").counter().count())
        .as("refusals counted").isGreaterThanOrEqualTo(busy);
    assertThat(METERS.get("aips.inference.batch.size").tag("model", "mesh").summary().max()).as("largest batch").isGreaterThan(1);
    assertThat(METERS.get("aips.inference.latency").tag("model", "mesh").timer().count()).isGreaterThanOrEqualTo(answered);
    assertThat(METERS.get("aips.inference.queue").tag("model", "mesh").gauge().value()).as("nothing left waiting").isZero();
  }

  @Test
  void aRequestPastItsDeadlineIsNotRun() {
    assertThatThrownBy(() -> client.run("mesh", randomCrop(5), System.currentTimeMillis() - 1).await())
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(VisionFailure.DEADLINE_EXCEEDED.busCode()));
  }

  @Test
  void aMissingModelFailsDeploymentNamingTheFile() {
    Path missing = TestNode.MODEL_PACK.resolve("human-models/models/no-such-model.json");
    ModelSpec spec = new ModelSpec("ghost", ModelSpec.Format.GRAPH, missing, "input", List.of("out"), 1, 0, 1, 0, 1);
    assertThatThrownBy(() -> vertx.deployVerticle(new InferenceVerticle(List.of(spec), 1, new InferenceMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))).await())
        .hasMessageContaining(missing.toString());
  }

  @Test
  void anUnservedModelAnswersNoInference() {
    assertThatThrownBy(() -> client.run("nobody-serves-this", randomCrop(1), deadlineIn(1000)).await())
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(VisionFailure.NO_INFERENCE.busCode()));
  }

  private static int busCode(Throwable failure) {
    return failure instanceof ReplyException reply ? reply.failureCode() : -1;
  }

  private static long deadlineIn(long millis) {
    return System.currentTimeMillis() + millis;
  }

  private static TensorData randomCrop(int seed) {
    byte[] pixels = new byte[192 * 192 * 3];
    new Random(seed).nextBytes(pixels);
    return TensorData.ofBytes("crop", new long[] {1, 192, 192, 3}, pixels);
  }
}
