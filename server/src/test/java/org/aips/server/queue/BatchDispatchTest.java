package org.aips.server.queue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.aips.server.executor.Dispatch;
import org.aips.server.executor.DispatchBatch;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.SharedNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler sends the tasks of a type in batches (one message per executor node) and gets
 * their outcomes back in batches. The test plays the executor node, so what reaches it is observable.
 */
class BatchDispatchTest {

  private static final String TOKEN = Tokens.valid("batches");
  private static final ApiClient api = SharedNode.api();

  private static void awaitError(String code, String fragment) {
    api.awaitQuery(TOKEN, code, t -> t.getString("error") != null && t.getString("error").contains(fragment), Duration.ofSeconds(10));
  }

  /**
   * The first dispatch finds no consumer: its tasks go back uncounted and the scheduler forgets the
   * type, so the tasks after it wait (they are not bounced one by one) until a node announces it.
   */
  @Test
  void aDispatchThatFindsNoExecutorComesBackWithoutCountingAnAttempt() {
    Vertx vertx = SharedNode.vertx();
    StandInExecutor.announce(vertx, "Unconsumed", 8, Set.of());
    List<String> codes = List.of(
        api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Unconsumed")).getString("queryCode"),
        api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Unconsumed")).getString("queryCode"),
        api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Unconsumed")).getString("queryCode"));
    awaitError(codes.get(0), "no executor for task type Unconsumed");
    for (String code : codes) {
      JsonObject task = api.query(TOKEN, code);
      assertThat(task.getString("status")).isEqualTo("waiting");
      assertThat(task.getInteger("attempts")).isZero();
    }

    List<List<Dispatch>> batches = new CopyOnWriteArrayList<>();
    MessageConsumer<DispatchBatch> consumer = StandInExecutor.answering(vertx, "Unconsumed", batches);
    try {
      consumer.completion().await();
      StandInExecutor.announce(vertx, "Unconsumed", 8, Set.of());
      for (String code : codes) {
        JsonObject done = api.awaitStatus(TOKEN, code, "done");
        assertThat(done.getInteger("attempts")).as("the attempt that found no executor is not counted").isEqualTo(1);
        assertThat(done.getString("executedBy")).isEqualTo("test-node");
      }
      assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4)); // half the node's concurrency
      assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(3);
    } finally {
      consumer.unregister().await();
    }
  }

  @Test
  void aTaskWhoseInputCannotBeReadFailsAloneAndTheRestOfItsBatchRuns() throws Exception {
    Vertx vertx = SharedNode.vertx();
    StandInExecutor.announce(vertx, "Gathered", 8, Set.of("contentImage"));
    List<byte[]> images = List.of(Images.png(31, 17), Images.png(33, 17), Images.png(35, 17));
    List<String> codes = images.stream().map(image -> api.awaitSubmit(TOKEN,
        new JsonObject().put("taskType", "Gathered").put("contentImage", Images.base64(image))).getString("queryCode")).toList();
    awaitError(codes.get(0), "no executor"); // the scheduler forgot the type: the tasks wait for an announcement

    Path lost = blob(images.get(1));
    assertThat(lost).as("the input is stored as a blob").exists();
    Files.delete(lost);

    List<List<Dispatch>> batches = new CopyOnWriteArrayList<>();
    MessageConsumer<DispatchBatch> consumer = StandInExecutor.answering(vertx, "Gathered", batches);
    try {
      consumer.completion().await();
      StandInExecutor.announce(vertx, "Gathered", 8, Set.of("contentImage"));
      assertThat(api.awaitStatus(TOKEN, codes.get(0), "done").getInteger("attempts")).isEqualTo(1);
      assertThat(api.awaitStatus(TOKEN, codes.get(2), "done").getInteger("attempts")).isEqualTo(1);
      JsonObject failed = api.awaitStatus(TOKEN, codes.get(1), "failed");
      assertThat(failed.getString("error")).contains(lost.getFileName().toString());
      assertThat(failed.getInteger("attempts")).isEqualTo(3); // scheduler.maxAttempts
      assertThat(batches.stream().mapToInt(List::size).sum()).as("the unreadable task never reached the executor").isEqualTo(2);
    } finally {
      consumer.unregister().await();
    }
  }

  private static Path blob(byte[] bytes) throws Exception {
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return SharedNode.dataDir().resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }
}
