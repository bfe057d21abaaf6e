package org.aips.server.executor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.TestTypes;
import org.aips.server.support.Tokens;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** A task type whose plugin code throws while describing itself is left out; the node announces and runs the others. */
class GuardedTaskTypesTest {

  private static final String TOKEN = Tokens.valid("guarded");

  /** Its estimate throws: before, that stopped the whole node from announcing any type. */
  static final class ThrowsInEstimate implements TaskType {
    @Override public String name() { return "ThrowsInEstimate"; }
    @Override public double estimateSeconds(JsonObject params, int quality) { throw new IllegalStateException("no estimate"); }
    @Override public Future<TaskResult> execute(TaskContext context) { return Future.succeededFuture(TaskResult.json(new JsonObject())); }
  }

  @Test
  void aTypeThatThrowsWhenDescribedIsLeftOutAndTheOthersRun() {
    List<TaskType> types = new ArrayList<>(List.of(new ThrowsInEstimate()));
    types.addAll(TestTypes.all());
    AipsServer node = AipsServer.start(TestNode.config(TestNode.newDataDir("guarded"), new JsonObject()), types).await();
    Vertx vertx = Vertx.vertx();
    try (ApiClient api = new ApiClient(vertx, node.httpPort())) {
      String code = api.awaitSubmit(TOKEN, new JsonObject().put("taskType", "Noop")).getString("queryCode");
      assertThat(api.awaitStatus(TOKEN, code, "done").getString("status")).isEqualTo("done");
      HttpResponse<Buffer> refused = api.post("/api/task", TOKEN, new JsonObject().put("taskType", "ThrowsInEstimate"));
      assertThat(errorCode(refused, 400)).isEqualTo("UNKNOWN_TASK_TYPE");
    } finally {
      node.close().await();
      vertx.close().await();
    }
  }
}
