package org.aips.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Hazelcast-clustered nodes on loopback: HTTP + scheduler on one, only the example plugin's executor on the other. */
class ClusterTest {

  private static final String CLUSTER = "aips-test-" + ProcessHandle.current().pid();
  private static final String TOKEN = Tokens.valid("cluster");

  @Test
  void aTaskSubmittedToTheFrontNodeRunsOnTheExecutorNode() throws Exception {
    Path emptyPlugins = Files.createDirectories(TestNode.newDataDir("cluster-front").resolve("no-plugins"));
    AipsServer front = TestNode.start(TestNode.config(TestNode.newDataDir("cluster-front"), new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler"))
        .put("plugins", new JsonObject().put("dir", emptyPlugins.toString()))
        .put("cluster", TestNode.cluster(CLUSTER, 5801, new JsonArray()))));
    AipsServer worker = null;
    Vertx client = Vertx.vertx();
    try {
      worker = TestNode.start(TestNode.config(TestNode.newDataDir("cluster-worker"), new JsonObject()
          .put("roles", TestNode.roles("executor"))
          .put("cluster", TestNode.cluster(CLUSTER, 5811, new JsonArray().add("127.0.0.1:5801")))));
      assertThat(worker.httpPort()).isEqualTo(-1);
      try (ApiClient api = new ApiClient(client, front.httpPort())) {
        JsonObject task = new JsonObject().put("taskType", "Thumbnail").put("contentImage", Images.base64(Images.png(300, 200)))
            .put("params", new JsonObject().put("maxSize", 90));
        String code = submitWhenTheWorkerIsKnown(api, task);
        JsonObject done = api.awaitStatus(TOKEN, code, "done");
        assertThat(done.getString("executedBy")).isEqualTo(worker.nodeId()).isNotEqualTo(front.nodeId());
        byte[] jpeg = api.get("/api/task-result/" + code, TOKEN).body().getBytes();
        assertThat(Images.decode(jpeg).getWidth()).isEqualTo(90);
        assertThat(Images.decode(jpeg).getHeight()).isEqualTo(60);
      }
    } finally {
      if (worker != null) {
        worker.close().await();
      }
      front.close().await();
      client.close().await();
    }
  }

  /** The front node learns the worker's task types from its announcements over the clustered bus. */
  private static String submitWhenTheWorkerIsKnown(ApiClient api, JsonObject task) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      var response = api.post("/api/task", TOKEN, task);
      if (response.statusCode() == 200 || System.currentTimeMillis() > deadline) {
        return ApiClient.data(response).getString("queryCode");
      }
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_TASK_TYPE");
      ApiClient.sleep(200);
    }
  }
}
