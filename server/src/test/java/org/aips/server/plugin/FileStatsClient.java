package org.aips.server.plugin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.aips.server.support.ApiClient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference service plugin's REST API as a client uses it (over loopback, with an x-token). */
final class FileStatsClient implements AutoCloseable {

  private final Vertx vertx;
  private final WebClient client;
  private final String token;

  FileStatsClient(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.token = token;
  }

  /** Streams a file from disk as the request body (the client holds no more of it in memory than the server does). */
  HttpResponse<Buffer> upload(Path file) {
    var stream = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
    return client.post("/filestats/v1/files").putHeader("x-token", token).putHeader("content-type", "application/octet-stream")
        .putHeader("content-length", Long.toString(size(file))).sendStream(stream).await();
  }

  /** A browser form's upload: the file as the {@code file} part of a multipart/form-data body. */
  HttpResponse<Buffer> uploadForm(Path file) {
    return uploadForm(io.vertx.ext.web.multipart.MultipartForm.create()
        .binaryFileUpload("file", file.getFileName().toString(), file.toString(), "text/plain"));
  }

  HttpResponse<Buffer> uploadForm(io.vertx.ext.web.multipart.MultipartForm form) {
    return client.post("/filestats/v1/files").putHeader("x-token", token).sendMultipartForm(form).await();
  }

  String uploaded(Path file) {
    HttpResponse<Buffer> response = upload(file);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("fileId");
  }

  HttpResponse<Buffer> create(JsonObject body) {
    return client.post("/filestats/v1/jobs").putHeader("x-token", token).sendJsonObject(body).await();
  }

  String createJob(String fileId) {
    HttpResponse<Buffer> response = create(new JsonObject().put("fileId", fileId));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  JsonObject job(String id) {
    HttpResponse<Buffer> response = client.get("/filestats/v1/jobs/" + id).putHeader("x-token", token).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  HttpResponse<Buffer> action(String id, String action) {
    return client.post("/filestats/v1/jobs/" + id + "/" + action).putHeader("x-token", token).send().await();
  }

  HttpResponse<Buffer> get(String path) {
    return client.get(path).putHeader("x-token", token).send().await();
  }

  HttpResponse<Buffer> delete(String id) {
    return client.delete("/filestats/v1/jobs/" + id).putHeader("x-token", token).send().await();
  }

  JsonObject awaitJob(String id, Predicate<JsonObject> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject job = job(id);
    while (!condition.test(job)) {
      assertThat(System.nanoTime()).as("job %s still %s", id, job.encode()).isLessThan(deadline);
      ApiClient.sleep(50);
      job = job(id);
    }
    return job;
  }

  static String taskState(JsonObject job) {
    return job.getJsonObject("task").getString("state");
  }

  /** A file of {@code lines} numbered lines of 64 bytes each. */
  static Path linesFile(Path dir, long lines) throws IOException {
    Path file = Files.createTempFile(dir, "lines-", ".txt");
    byte[] line = String.format("%063d\n", 0).getBytes(StandardCharsets.US_ASCII);
    byte[] block = new byte[line.length * 16384];
    for (int i = 0; i < 16384; i++) {
      System.arraycopy(line, 0, block, i * line.length, line.length);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      long written = 0;
      while (written + 16384 <= lines) {
        out.write(block);
        written += 16384;
      }
      for (; written < lines; written++) {
        out.write(line);
      }
    }
    return file;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
