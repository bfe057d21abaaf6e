package org.aips.server.lifecycle;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.RecordCodec;
import org.aips.spi.TaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of changes crosses the cluster as JSON and arrives as the same batch; the JSON is what docs/architecture.md shows. */
class TaskChangesTest {

  private final TaskChanges batch = new TaskChanges(1_764_600_000_000L, List.of(
      new TaskChange(7, "q7", "FastStyle", "alice", "completed", TaskState.DONE, "node-a", 2, 1.0, 1834L, null, null),
      new TaskChange(8, "q8", "DeepPaint", "bob", "retried", TaskState.WAITING, null, 1, null, null, "LEASE_EXPIRED", "lease expired")));

  @Test
  void aBatchSurvivesTheWire() {
    RecordCodec<TaskChanges> codec = new RecordCodec<>(TaskChanges.class, TaskChanges::toJson, TaskChanges::fromJson);
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, batch);
    assertThat(codec.decodeFromWire(6, wire)).isEqualTo(batch);
    assertThat(codec.transform(batch)).as("within a node the record itself is delivered").isSameAs(batch);
  }

  @Test
  void eachChangeReadsAsTheDocumentedJson() {
    JsonObject retried = batch.toJsonList().get(1);
    assertThat(retried.getMap()).containsEntry("id", 8L).containsEntry("queryCode", "q8").containsEntry("taskType", "DeepPaint")
        .containsEntry("userId", "bob").containsEntry("event", "retried").containsEntry("state", "waiting")
        .containsEntry("at", 1_764_600_000_000L).containsEntry("attempt", 1).containsEntry("code", "LEASE_EXPIRED")
        .containsEntry("detail", "lease expired");
  }
}
