package org.aips.plugins.faceingest.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.aips.plugins.faceingest.ingest.IngestConfig;

/** A row of {@code ingest_task}: one seed task. */
public record IngestTask(String id, String groupName, IngestConfig config, String csvKey, long totalNum, long handledNum,
                         long nextRow, TaskStatus state, String taskId, String lastError) {

  static IngestTask of(Row row) {
    return new IngestTask(row.getString("id"), row.getString("group_name"), IngestConfig.fromJson(new JsonObject(row.getString("config"))),
        row.getString("csv_key"), row.getLong("total_num"), row.getLong("handled_num"), row.getLong("next_row"),
        TaskStatus.of(row.getShort("state")), row.getString("task_id"), row.getString("last_error"));
  }
}
