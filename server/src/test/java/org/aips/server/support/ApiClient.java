package org.aips.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A real HTTP client for the AIPS API, used from the test thread (blocking with {@code await}). */
public final class ApiClient implements AutoCloseable {

  private final WebClient client;

  public ApiClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return withToken(client.get(path), token).send().await();
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return withToken(client.post(path), token).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> postRaw(String path, String token, String contentType, Buffer body) {
    return withToken(client.post(path), token).putHeader("content-type", contentType).sendBuffer(body).await();
  }

  /** A multipart/form-data POST with one file part per entry of {@code files} (part name → bytes). */
  public HttpResponse<Buffer> postForm(String path, String token, java.util.Map<String, Buffer> files, String fileType) {
    io.vertx.ext.web.multipart.MultipartForm form = io.vertx.ext.web.multipart.MultipartForm.create();
    files.forEach((name, bytes) -> form.binaryFileUpload(name, name + ".bin", bytes, fileType));
    return withToken(client.post(path), token).sendMultipartForm(form).await();
  }

  /** Submits and returns {@code data} of a successful answer. */
  public JsonObject submit(String token, JsonObject task) {
    return data(post("/api/task", token, task));
  }

  /** Submits as soon as the HTTP verticles know the task type (executor announcements arrive asynchronously). */
  public JsonObject awaitSubmit(String token, JsonObject task) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<Buffer> response = post("/api/task", token, task);
    while (response.statusCode() == 400 && response.bodyAsString().contains("UNKNOWN_TASK_TYPE") && System.nanoTime() < deadline) {
      sleep(20);
      response = post("/api/task", token, task);
    }
    return data(response);
  }

  public JsonObject query(String token, String queryCode) {
    return data(get("/api/query-task/" + queryCode, token));
  }

  /** Polls the query until {@code condition} holds, failing after {@code timeout}. */
  public JsonObject awaitQuery(String token, String queryCode, Predicate<JsonObject> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = query(token, queryCode);
      if (condition.test(last)) {
        return last;
      }
      sleep(50);
    }
    throw new AssertionError("condition not reached in " + timeout + "; last answer: " + last);
  }

  public JsonObject awaitStatus(String token, String queryCode, String status) {
    return awaitQuery(token, queryCode, task -> status.equals(task.getString("status")), Duration.ofSeconds(30));
  }

  public static JsonObject data(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("success")).isTrue();
    return body.getJsonObject("data");
  }

  /** Asserts an error answer and returns its code. */
  public static String errorCode(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("success")).isFalse();
    assertThat(body.getJsonObject("error").getString("message")).isNotBlank().doesNotContain("Exception", "\tat ");
    return body.getJsonObject("error").getString("code");
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest<Buffer> withToken(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.putHeader("x-token", token);
  }

  @Override
  public void close() {
    client.close();
  }
}
