package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: {@code {pageCount, pageNum, total, size, items}}. */
public record Page<T>(int pageCount, int pageNum, long total, int size, List<T> items) {

  public static <T> Page<T> fromJson(JsonObject json, Function<JsonObject, T> item) {
    return new Page<>(Decode.intOr(json, "pageCount", 0), Decode.intOr(json, "pageNum", 1),
        Decode.longValue(json, "total") == null ? 0 : Decode.longValue(json, "total"), Decode.intOr(json, "size", 0),
        Decode.list(Decode.array(json, "items"), item));
  }

  public boolean isLast() {
    return pageNum >= pageCount;
  }
}
