package org.aips.plugins.filestats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How far a count has got: bytes read, lines seen, and the offset each run started from (a resumed
 * run starts where the last checkpoint left off, not at 0). Saved as the task's checkpoint.
 */
record LineCount(long offset, long lines, JsonArray runs) {

  static LineCount resume(JsonObject checkpoint) {
    if (checkpoint == null) {
      return new LineCount(0, 0, new JsonArray().add(0L));
    }
    long offset = checkpoint.getLong("offset");
    return new LineCount(offset, checkpoint.getLong("lines"), checkpoint.getJsonArray("runs").copy().add(offset));
  }

  LineCount advance(long bytes, long newLines) {
    return new LineCount(offset + bytes, lines + newLines, runs);
  }

  JsonObject toJson() {
    return new JsonObject().put("offset", offset).put("lines", lines).put("runs", runs);
  }
}
