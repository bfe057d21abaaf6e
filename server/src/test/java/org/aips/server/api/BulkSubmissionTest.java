package org.aips.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.aips.server.AipsServer;
import org.aips.server.db.DatabaseUrl;
import org.aips.server.db.EmbeddedDatabase;
import org.aips.server.db.Migrations;
import org.aips.server.support.ApiClient;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/tasks} on a real node: all tasks queued by one request, or none. */
class BulkSubmissionTest {

  private static final int MAX_BATCH = 5;
  private static final String TOKEN = Tokens.valid("bulk");
  private static EmbeddedDatabase database;
  private static AipsServer server;
  private static ApiClient api;
  private static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    database = EmbeddedDatabase.start(TestNode.newDataDir("bulk-db"));
    DatabaseUrl url = database.url();
    Migrations.migrate(url);
    JsonObject config = new JsonObject()
        .put("db", new JsonObject().put("url", TestNode.databaseUri(url)))
        .put("http", new JsonObject().put("maxBatchTasks", MAX_BATCH));
    server = TestNode.start(TestNode.config(TestNode.newDataDir("bulk"), config));
    api = new ApiClient(server.vertx(), server.httpPort());
    pool = PgBuilder.pool().connectingTo(url.connectOptions()).using(server.vertx()).build();
    api.awaitSubmit(TOKEN, noop()); // the HTTP verticles know the test types once this is accepted
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await();
    server.close().await();
    database.close();
  }

  private static JsonObject noop() {
    return new JsonObject().put("taskType", "Noop");
  }

  private static JsonObject bulk(JsonObject... tasks) {
    return new JsonObject().put("tasks", new JsonArray(List.of((Object[]) tasks)));
  }

  private static long tasksOfChannel(String channel) {
    return pool.preparedQuery("SELECT count(*) FROM task WHERE channel = $1").execute(Tuple.of(channel))
        .await().iterator().next().getLong(0);
  }

  @Test
  void threeTasksInOneRequestAllRunToDone() {
    var response = api.post("/api/tasks", TOKEN, bulk(noop().put("channel", "all-three"), noop().put("channel", "all-three").put("vip", 2),
        noop().put("channel", "all-three")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonArray answers = response.bodyAsJsonObject().getJsonArray("data");
    assertThat(answers).hasSize(3);
    List<String> codes = IntStream.range(0, 3).mapToObj(i -> answers.getJsonObject(i).getString("queryCode")).toList();
    assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Za-z0-9_-]{32}"));
    codes.forEach(code -> api.awaitStatus(TOKEN, code, "done"));
    assertThat(tasksOfChannel("all-three")).isEqualTo(3);
  }

  @Test
  void anInvalidElementRefusesTheWholeRequest() {
    var unknownType = api.post("/api/tasks", TOKEN, bulk(noop().put("channel", "refused"), new JsonObject().put("taskType", "Nope")));
    assertThat(errorCode(unknownType, 400)).isEqualTo("UNKNOWN_TASK_TYPE");
    assertThat(message(unknownType)).startsWith("tasks[1]: unknown taskType 'Nope'");

    var badParams = api.post("/api/tasks", TOKEN, bulk(noop().put("channel", "refused"), noop().put("channel", "refused"),
        new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", "long"))));
    assertThat(errorCode(badParams, 400)).isEqualTo("INVALID_PARAMS");
    assertThat(message(badParams)).startsWith("tasks[2]: ");

    var contract = api.post("/api/tasks", TOKEN, bulk(noop().put("channel", "refused"), noop().put("quality", 101)));
    assertThat(errorCode(contract, 400)).isEqualTo("BAD_REQUEST");
    assertThat(message(contract)).contains("tasks/1/quality");

    assertThat(errorCode(api.post("/api/tasks", TOKEN, bulk()), 400)).isEqualTo("BAD_REQUEST");
    assertThat(tasksOfChannel("refused")).isZero();
  }

  @Test
  void moreTasksThanTheLimitAreRefused() {
    JsonObject[] tooMany = IntStream.range(0, MAX_BATCH + 1).mapToObj(i -> noop().put("channel", "too-many")).toArray(JsonObject[]::new);
    var response = api.post("/api/tasks", TOKEN, bulk(tooMany));
    assertThat(errorCode(response, 400)).isEqualTo("TOO_MANY_TASKS");
    assertThat(message(response)).contains("at most " + MAX_BATCH, "http.maxBatchTasks");
    assertThat(tasksOfChannel("too-many")).isZero();

    JsonObject[] atTheLimit = IntStream.range(0, MAX_BATCH).mapToObj(i -> noop().put("channel", "at-limit")).toArray(JsonObject[]::new);
    assertThat(api.post("/api/tasks", TOKEN, bulk(atTheLimit)).statusCode()).isEqualTo(200);
    assertThat(tasksOfChannel("at-limit")).isEqualTo(MAX_BATCH);
  }

  private static String message(io.vertx.ext.web.client.HttpResponse<?> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("message");
  }
}
