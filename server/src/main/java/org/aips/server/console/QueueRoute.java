package org.aips.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.aips.server.bus.TaskTypeDirectory;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/queue}: the queue at a glance, service-wide. Waiting and running tasks per type come
 * from the database (the source of truth); the executor nodes, the types each runs, its concurrency
 * and what it runs now come from their announcements (as of the last heartbeat).
 */
public final class QueueRoute {

  /** queue_waiting (V9) holds the waiting count per type; task_run one row per running task. */
  private static final String COUNTS = """
      SELECT coalesce(q.task_type, r.task_type) AS task_type, coalesce(q.waiting, 0) AS waiting, coalesce(r.running, 0) AS running
      FROM (SELECT task_type, waiting FROM queue_waiting WHERE waiting > 0) q
      FULL JOIN (SELECT task_type, count(*) AS running FROM task_run GROUP BY task_type) r
        ON r.task_type = q.task_type""";

  private final Pool pool;
  private final TaskTypeDirectory directory;

  public QueueRoute(Pool pool, TaskTypeDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  public void handle(RoutingContext rc) {
    pool.query(COUNTS).execute().map(rows -> {
      Map<String, JsonObject> types = new TreeMap<>();
      for (String name : directory.types()) {
        types.put(name, type(name));
      }
      for (Row row : rows) {
        types.computeIfAbsent(row.getString("task_type"), name -> type(name))
            .put("waiting", row.getLong("waiting")).put("running", row.getLong("running"));
      }
      return new JsonObject().put("types", new JsonArray(types.values().stream().toList())).put("nodes", nodes())
          .put("at", System.currentTimeMillis());
    }).onSuccess(data -> rc.response().putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("success", true).put("data", data).toBuffer())).onFailure(rc::fail);
  }

  private JsonObject type(String name) {
    JsonObject type = new JsonObject().put("name", name).put("waiting", 0L).put("running", 0L)
        .put("nodes", directory.nodes(name));
    directory.find(name).ifPresentOrElse(offer -> type.put("concurrency", offer.concurrency())
            .put("requiredInputs", new JsonArray(offer.requiredInputs().stream().sorted().toList()))
            .put("paramsSchema", offer.paramsSchema()),
        () -> type.put("concurrency", 0).put("requiredInputs", new JsonArray()).putNull("paramsSchema"));
    return type;
  }

  private JsonArray nodes() {
    JsonArray nodes = new JsonArray();
    directory.executorNodes().values().forEach(node -> {
      JsonArray types = new JsonArray();
      node.offers().forEach((name, offer) -> types.add(new JsonObject().put("name", name).put("concurrency", offer.concurrency())
          .put("running", node.running().getInteger(name, 0))));
      nodes.add(new JsonObject().put("node", node.node()).put("types", types));
    });
    return nodes;
  }
}
