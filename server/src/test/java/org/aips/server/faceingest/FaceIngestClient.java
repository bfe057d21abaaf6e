package org.aips.server.faceingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.aips.server.support.ApiClient;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The face ingestion API (seed 002, under /v1) as a client uses it, over loopback with an x-token. */
public final class FaceIngestClient implements AutoCloseable {

  private final WebClient client;
  private final String token;

  public FaceIngestClient(Vertx vertx, int port, String token) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.token = token;
  }

  /** POST /v1/tasks/create with the given form fields and, unless null, the CSV as the 'file' field. */
  HttpResponse<Buffer> create(Map<String, String> fields, String csv) {
    return create(fields, csv == null ? null : csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  HttpResponse<Buffer> create(Map<String, String> fields, byte[] csv) {
    MultipartForm form = MultipartForm.create();
    fields.forEach(form::attribute);
    if (csv != null) {
      form.binaryFileUpload("file", "faces.csv", Buffer.buffer(csv), "text/csv");
    }
    return client.post("/v1/tasks/create").putHeader("x-token", token).sendMultipartForm(form).await();
  }

  public String created(Map<String, String> fields, String csv) {
    HttpResponse<Buffer> response = create(fields, csv);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("id");
  }

  HttpResponse<Buffer> action(String id, String action) {
    return get("/v1/tasks/" + id + "/" + action);
  }

  public void ok(String id, String action) {
    HttpResponse<Buffer> response = action(id, action);
    assertThat(response.statusCode()).as("%s %s: %s", action, id, response.bodyAsString()).isEqualTo(200);
  }

  public JsonObject detail(String id) {
    HttpResponse<Buffer> response = action(id, "detail");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  JsonObject awaitDetail(String id, Predicate<JsonObject> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject detail = detail(id);
    while (!condition.test(detail)) {
      assertThat(System.nanoTime()).as("task %s still %s", id, detail.encode()).isLessThan(deadline);
      ApiClient.sleep(50);
      detail = detail(id);
    }
    return detail;
  }

  public JsonObject awaitState(String id, int state, Duration timeout) {
    return awaitDetail(id, d -> d.getInteger("state") == state, timeout);
  }

  HttpResponse<Buffer> list(JsonObject body) {
    return client.post("/v1/tasks/list").putHeader("x-token", token).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> get(String path) {
    return client.get(path).putHeader("x-token", token).send().await();
  }

  HttpResponse<Buffer> post(String path, Buffer body, String contentType) {
    return client.post(path).putHeader("x-token", token).putHeader("content-type", contentType).sendBuffer(body).await();
  }

  HttpResponse<Buffer> delete(String path) {
    return client.delete(path).putHeader("x-token", token).send().await();
  }

  /** POST /v1/groups/{group}/search with the image as the body of the given type. */
  HttpResponse<Buffer> search(String group, String query, byte[] image, String contentType) {
    return post("/v1/groups/" + encode(group) + "/search" + query, Buffer.buffer(image), contentType);
  }

  /** The same with the image as a multipart form's file field. */
  HttpResponse<Buffer> searchForm(String group, String query, byte[] image) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", "query.jpg", Buffer.buffer(image), "image/jpeg");
    return client.post("/v1/groups/" + encode(group) + "/search" + query).putHeader("x-token", token).sendMultipartForm(form).await();
  }

  static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String dataUri(byte[] bytes, String type) {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    client.close();
  }
}
