package org.aips.server.api;

import io.vertx.core.json.JsonObject;
import org.aips.server.blob.StoredBlob;

import java.util.Map;

/** A task's named inputs as the insert takes them: name → {@code {key, size}} of the blob. */
final class NamedInputs {

  private NamedInputs() {
  }

  /** Null when there are none, so that the insert skips them. */
  static JsonObject of(Map<String, StoredBlob> blobs) {
    if (blobs.isEmpty()) {
      return null;
    }
    JsonObject inputs = new JsonObject();
    blobs.forEach((name, blob) -> inputs.put(name, entry(blob.key(), blob.size())));
    return inputs;
  }

  static JsonObject entry(String key, long size) {
    return new JsonObject().put("key", key).put("size", size);
  }
}
