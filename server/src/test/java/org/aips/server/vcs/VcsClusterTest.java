package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compute task with two devices on two Hazelcast-clustered nodes: each device's analysis is a task
 * of its own, so the two run at once, one on each node's executor ({@code analysesPerNode: 1}); the
 * executor-only node has no database, stores its events through the other, and reads the videos
 * from the blob folder it shares with the front node.
 */
class VcsClusterTest {

  private static final String CLUSTER = "aips-vcs-test-" + ProcessHandle.current().pid();
  private static final String TOKEN = Tokens.valid("sps");

  @Test
  void theDevicesOfOneTaskAreAnalysedOnBothNodes() throws Exception {
    Path frontDir = TestNode.newDataDir("vcs-cluster-front");
    JsonObject plugin = new JsonObject().put("launchCheckMillis", 200).put("analysesPerNode", 1);
    AipsServer front = TestNode.start(TestNode.config(frontDir, VcsNodes.allRoles(plugin)
        .put("cluster", TestNode.cluster(CLUSTER, 5861, new JsonArray()))));
    AipsServer worker = null;
    Vertx client = Vertx.vertx();
    try (VcsClient vcs = new VcsClient(client, front.httpPort(), TOKEN); ApiClient api = new ApiClient(client, front.httpPort())) {
      // videos travel to executors by reference: the worker sees the front's blob folder, as a shared mount would give it
      Path workerDir = TestNode.newDataDir("vcs-cluster-worker");
      Files.createSymbolicLink(workerDir.resolve("blobs"), Files.createDirectories(frontDir.resolve("blobs")));
      worker = TestNode.start(TestNode.config(workerDir, VcsNodes.allRoles(plugin)
          .put("roles", TestNode.roles("executor"))
          .put("cluster", TestNode.cluster(CLUSTER, 5871, new JsonArray().add("127.0.0.1:5861")))));
      awaitTwoExecutors(api);

      JsonObject first = vcs.uploaded(VcsClips.panning(frontDir, 1, 4));
      JsonObject second = vcs.uploaded(VcsClips.panning(frontDir, 2, 4));
      JsonObject task = VcsClient.task("two cameras", 0, first, List.of("face"));
      task.getJsonObject("datasources").getJsonArray("devices").add(new JsonObject().put("deviceId", "camera-2")
          .put("videoId", second.getString("videoId")).put("videoTimeLength", 4).put("videoBeginTime", VcsClient.VIDEO_BEGIN));
      String id = vcs.create(task);
      vcs.ok("startComputeTask", new JsonObject().put("taskId", id));
      JsonObject done = vcs.await(id, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofSeconds(180));
      assertThat(done.getString("taskStatus")).as("%s", done).isEqualTo("FINISHED");

      JsonArray events = vcs.results(id, new JsonObject().put("pageSize", 100)).getJsonArray("results");
      Set<String> devicesWithEvents = new HashSet<>();
      events.stream().map(JsonObject.class::cast).forEach(e -> devicesWithEvents.add(e.getString("deviceId")));
      assertThat(devicesWithEvents).containsExactlyInAnyOrder("camera-1", "camera-2");
      assertThat(executors(front.databaseUrl())).as("nodes that ran the two analyses")
          .containsExactlyInAnyOrder(front.nodeId(), worker.nodeId());
    } finally {
      if (worker != null) {
        worker.close().await();
      }
      front.close().await();
      client.close().await();
    }
  }

  /** The front node knows the worker once its task types are announced over the clustered bus. */
  private static void awaitTwoExecutors(ApiClient api) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      JsonArray types = ApiClient.data(api.get("/api/queue", TOKEN)).getJsonArray("types");
      long nodes = types.stream().map(JsonObject.class::cast).filter(t -> "VcsDeviceAnalysis".equals(t.getString("name")))
          .mapToLong(t -> t.getInteger("nodes")).sum();
      if (nodes == 2) {
        return;
      }
      assertThat(System.currentTimeMillis()).as("the worker's analyses announced to the front node").isLessThan(deadline);
      ApiClient.sleep(200);
    }
  }

  /** The node that ran each analysis task ever submitted (one per device: a device launched twice shows twice). */
  private static List<String> executors(DatabaseUrl url) throws Exception {
    try (Connection db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         ResultSet rows = db.createStatement().executeQuery("SELECT executed_by FROM task WHERE task_type = 'VcsDeviceAnalysis'")) {
      List<String> nodes = new java.util.ArrayList<>();
      while (rows.next()) {
        nodes.add(rows.getString(1));
      }
      return nodes;
    }
  }
}
