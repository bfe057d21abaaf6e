package org.aips.server.api;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FinishedTaskViewsTest {

  private static final Buffer ANSWER = Buffer.buffer("{\"success\":true}");

  @Test
  void servesOnlyTheOwnerAndOnlyUntilRetention() {
    FinishedTaskViews views = new FinishedTaskViews(10);
    views.store(views.generation(), "code", () -> new FinishedTaskViews.View("alice", 1_000L, ANSWER));
    assertThat(views.find("code", "alice", 999)).isEqualTo(ANSWER);
    assertThat(views.find("code", "bob", 999)).isNull();
    assertThat(views.find("code", "alice", 1_000)).isNull();
    assertThat(views.find("code", "alice", 0)).as("an overdue entry is dropped").isNull();
  }

  @Test
  void aReadThatStartedBeforeAVisitDoesNotStoreWhatItRead() {
    FinishedTaskViews views = new FinishedTaskViews(10);
    long readStarted = views.generation();
    views.evict("code"); // the visit is announced while the read is in flight
    views.store(readStarted, "code", () -> new FinishedTaskViews.View("alice", null, ANSWER));
    assertThat(views.find("code", "alice", 0)).isNull();

    views.store(views.generation(), "code", () -> new FinishedTaskViews.View("alice", null, ANSWER));
    assertThat(views.find("code", "alice", 0)).isEqualTo(ANSWER);
    views.evict("code");
    assertThat(views.find("code", "alice", 0)).isNull();
  }

  @Test
  void keepsTheMostRecentlyUsedWithinCapacity() {
    FinishedTaskViews views = new FinishedTaskViews(2);
    views.store(views.generation(), "a", () -> new FinishedTaskViews.View("u", null, ANSWER));
    views.store(views.generation(), "b", () -> new FinishedTaskViews.View("u", null, ANSWER));
    views.find("a", "u", 0);
    views.store(views.generation(), "c", () -> new FinishedTaskViews.View("u", null, ANSWER));
    assertThat(views.find("a", "u", 0)).isNotNull();
    assertThat(views.find("b", "u", 0)).isNull();
    assertThat(views.find("c", "u", 0)).isNotNull();
  }

  @Test
  void capacityZeroKeepsNothing() {
    FinishedTaskViews views = new FinishedTaskViews(0);
    views.store(views.generation(), "a", () -> new FinishedTaskViews.View("u", null, ANSWER));
    assertThat(views.find("a", "u", 0)).isNull();
  }
}
