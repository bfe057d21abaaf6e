package org.aips.plugins.rayvision.client.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The task ids {@code createTask} reserved, with their aliases. */
public record CreatedTasks(List<Long> taskIds, List<String> aliases, Long userId) {

  public static CreatedTasks fromJson(JsonObject j) {
    List<Long> ids = new ArrayList<>();
    JsonArray idArray = Decode.array(j, "taskIdList");
    if (idArray != null) {
      idArray.forEach(id -> ids.add(Long.parseLong(id.toString())));
    }
    List<String> aliases = new ArrayList<>();
    JsonArray aliasArray = Decode.array(j, "aliasTaskIdList");
    if (aliasArray != null) {
      aliasArray.forEach(a -> aliases.add(a.toString()));
    }
    return new CreatedTasks(List.copyOf(ids), List.copyOf(aliases), Decode.longValue(j, "userId"));
  }
}
