package org.aips.rayvision.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The contract's page object: {@code {pageCount, pageNum, total, size, items}}; a page past the end is 700. */
final class Paging {

  private static final int MAX_PAGE_SIZE = 1000;

  private Paging() {
  }

  static JsonObject strings(List<String> all, int pageNum, int pageSize) {
    return page(all, pageNum, pageSize);
  }

  static <T> JsonObject page(List<T> all, int pageNum, int pageSize) {
    if (pageNum < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ApiError(ApiError.INVALID_PARAMETER, "pageNum must be >= 1 and pageSize between 1 and " + MAX_PAGE_SIZE);
    }
    int pageCount = (all.size() + pageSize - 1) / pageSize;
    if (pageNum > Math.max(1, pageCount)) {
      throw new ApiError(ApiError.NO_MORE_RECORDS, "no more records");
    }
    int from = (pageNum - 1) * pageSize;
    List<T> items = all.subList(from, Math.min(all.size(), from + pageSize));
    return new JsonObject()
        .put("pageCount", pageCount)
        .put("pageNum", pageNum)
        .put("total", all.size())
        .put("size", pageSize)
        .put("items", new JsonArray(List.copyOf(items)));
  }
}
