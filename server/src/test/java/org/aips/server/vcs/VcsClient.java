package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The VCS API as an SPS client uses it (loopback, x-token), blocking on the test thread. */
public final class VcsClient implements AutoCloseable {

  static final long VIDEO_BEGIN = 1_564_675_200_001L;

  private final Vertx vertx;
  private final WebClient client;
  private final String token;

  public VcsClient(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.token = token;
  }

  public JsonObject call(String route, JsonObject body) {
    return client.post("/vcs/console/task/" + route).putHeader("x-token", token).sendJsonObject(body).await().bodyAsJsonObject();
  }

  /** Data of a call that must succeed. */
  public Object ok(String route, JsonObject body) {
    JsonObject answer = call(route, body);
    assertThat(answer.getString("Code")).as("%s: %s", route, answer).isEqualTo("0");
    assertThat(answer.getString("Message")).isEqualTo("SUCCESS");
    return answer.getValue("Data");
  }

  public HttpResponse<Buffer> upload(Path file) {
    var stream = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
    try {
      return client.post("/vcs/console/video/uploadVideo").putHeader("x-token", token).putHeader("content-type", "application/octet-stream")
          .putHeader("content-length", Long.toString(Files.size(file))).sendStream(stream).await();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer to a /vcs/console/video/ route: the envelope, and the HTTP status in {@code status}. */
  public JsonObject video(String route, JsonObject body) {
    HttpResponse<Buffer> response = client.post("/vcs/console/video/" + route).putHeader("x-token", token).sendJsonObject(body).await();
    return response.bodyAsJsonObject().put("status", response.statusCode());
  }

  public JsonObject register(String uri) {
    return video("registerVideo", new JsonObject().put("uri", uri));
  }

  public JsonObject uploaded(Path file) {
    HttpResponse<Buffer> response = upload(file);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("Data");
  }

  public HttpResponse<Buffer> get(String path) {
    return client.get(path).putHeader("x-token", token).send().await();
  }

  public static JsonObject task(String name, long execStartTime, JsonObject video, List<String> models) {
    long seconds = Math.round(video.getLong("durationMs") / 1000.0);
    return new JsonObject().put("name", name).put("execType", "historyVideoFile").put("execStartTime", execStartTime)
        .put("description", "a test task").put("clientName", "sps")
        .put("datasources", new JsonObject().put("devices", new JsonArray().add(new JsonObject().put("deviceId", "camera-1")
            .put("videoId", video.getString("videoId")).put("videoTimeLength", seconds).put("videoBeginTime", VIDEO_BEGIN))))
        .put("algorithms", new JsonArray().add(new JsonObject().put("models", new JsonArray(models))));
  }

  public String create(JsonObject task) {
    return ((JsonObject) ok("createComputeTask", task)).getString("taskId");
  }

  public JsonObject status(String taskId) {
    return ((JsonArray) ok("getComputeTasks", new JsonObject().put("taskIds", new JsonArray().add(taskId)))).getJsonObject(0);
  }

  public JsonObject await(String taskId, Predicate<JsonObject> until, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = status(taskId);
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " did not get there within " + timeout + "; last: " + last);
  }

  public JsonObject results(String taskId, JsonObject filter) {
    return (JsonObject) ok("getComputeTaskResults", filter.copy().put("taskId", taskId));
  }

  @Override
  public void close() {
    client.close();
  }
}
