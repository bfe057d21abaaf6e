package org.aips.spi;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task a plugin submits through {@link HostTasks#submit}: the type, its params, named inputs
 * (blobs by reference), VIP level, quality and how long its result is kept.
 *
 * @param inputs input name → a blob stored through {@link Blobs}; the executor reads it by name
 */
public record TaskRequest(String type, JsonObject params, Map<String, BlobRef> inputs, int vip, int quality, long keepSeconds) {

  public TaskRequest {
    Objects.requireNonNull(type, "type");
    params = params == null ? new JsonObject() : params;
    inputs = Map.copyOf(inputs == null ? Map.of() : inputs);
    if (vip < 0 || vip > 100) {
      throw new IllegalArgumentException("vip must be within 0..100, not " + vip);
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be within 0..100, not " + quality);
    }
    if (keepSeconds < 0) {
      throw new IllegalArgumentException("keepSeconds must not be negative");
    }
  }

  /** A request with no inputs, VIP 0, quality 50, the result kept one day. */
  public static TaskRequest of(String type, JsonObject params) {
    return new TaskRequest(type, params, Map.of(), 0, 50, 86_400);
  }

  public TaskRequest withInput(String name, BlobRef blob) {
    Map<String, BlobRef> more = new LinkedHashMap<>(inputs);
    more.put(name, blob);
    return new TaskRequest(type, params, more, vip, quality, keepSeconds);
  }

  public TaskRequest withVip(int level) {
    return new TaskRequest(type, params, inputs, level, quality, keepSeconds);
  }

  public TaskRequest withQuality(int value) {
    return new TaskRequest(type, params, inputs, vip, value, keepSeconds);
  }

  public TaskRequest withKeepSeconds(long seconds) {
    return new TaskRequest(type, params, inputs, vip, quality, seconds);
  }
}
