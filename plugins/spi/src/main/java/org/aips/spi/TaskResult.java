package org.aips.spi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.Optional;

/** The outcome of a task: bytes with a content type (an image, a file), or a JSON document. */
public final class TaskResult {

  private final Buffer bytes;
  private final String contentType;
  private final JsonObject json;

  private TaskResult(Buffer bytes, String contentType, JsonObject json) {
    this.bytes = bytes;
    this.contentType = contentType;
    this.json = json;
  }

  public static TaskResult bytes(Buffer data, String contentType) {
    return new TaskResult(Objects.requireNonNull(data), Objects.requireNonNull(contentType), null);
  }

  public static TaskResult json(JsonObject document) {
    return new TaskResult(null, "application/json", Objects.requireNonNull(document));
  }

  public Optional<Buffer> bytes() {
    return Optional.ofNullable(bytes);
  }

  public Optional<JsonObject> json() {
    return Optional.ofNullable(json);
  }

  public String contentType() {
    return contentType;
  }
}
