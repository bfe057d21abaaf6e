package org.aips.plugins.vcs.task;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The event table: one row per reported track, stored once however often a resumed run reports it. */
public final class EventStore {

  /** What a results query may narrow down to. */
  public record Filter(String taskId, List<String> deviceIds, List<String> models, long fromTime, long toTime) {
  }

  private final Pool pool;

  public EventStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores the events of one device; those already stored (same track) are skipped. Answers how many were new. */
  public Future<Integer> insert(String taskId, String deviceId, JsonArray events) {
    List<Tuple> rows = new ArrayList<>();
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      String thumbnail = e.getString("thumbnail");
      JsonArray descriptor = e.getJsonArray("descriptor");
      Float[] values = null;
      if (descriptor != null) {
        values = new Float[descriptor.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = descriptor.getNumber(i).floatValue();
        }
      }
      rows.add(Tuple.from(new Object[] {taskId, deviceId, e.getString("trackKey"), e.getString("model"), e.getLong("startTime"),
          e.getLong("endTime"), e.getLong("bestTime"), e.getJsonObject("box"), e.getDouble("score").floatValue(), e.getInteger("frames"),
          thumbnail == null ? null : Buffer.buffer(Base64.getDecoder().decode(thumbnail)), values, e.getJsonObject("identity")}));
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery("INSERT INTO event (task_id, device_id, track_key, model, start_time, end_time, best_time, box, score, frames, "
            + "thumbnail, descriptor, identity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
            + "ON CONFLICT (task_id, device_id, track_key) DO NOTHING")
        .executeBatch(rows).map(result -> {
          int inserted = 0;
          for (var r = result; r != null; r = r.next()) {
            inserted += r.rowCount();
          }
          return inserted;
        });
  }

  public Future<Long> count(Filter filter) {
    return pool.preparedQuery("SELECT count(*) FROM event " + WHERE).execute(bind(filter)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** A page of events, oldest first, with each identified face's {@code identity}; {@code withDescriptors} adds each face's descriptor. */
  public Future<List<JsonObject>> page(Filter filter, int offset, int limit, boolean withDescriptors) {
    Tuple args = bind(filter).addInteger(limit).addInteger(offset);
    return pool.preparedQuery("SELECT event_id, device_id, track_key, model, start_time, end_time, best_time, box, score, frames, identity, "
            + (withDescriptors ? "descriptor" : "NULL AS descriptor") + " FROM event " + WHERE + " ORDER BY start_time, event_id LIMIT $6 OFFSET $7")
        .execute(args).map(rows -> {
          List<JsonObject> events = new ArrayList<>();
          rows.forEach(row -> events.add(json(row)));
          return events;
        });
  }

  public Future<Optional<Buffer>> thumbnail(String taskId, long eventId) {
    return pool.preparedQuery("SELECT thumbnail FROM event WHERE task_id = $1 AND event_id = $2").execute(Tuple.of(taskId, eventId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getBuffer(0)));
  }

  private static final String WHERE = "WHERE task_id = $1 AND ($2::text[] IS NULL OR device_id = ANY($2)) "
      + "AND ($3::text[] IS NULL OR model = ANY($3)) AND end_time >= $4 AND start_time <= $5";

  private static Tuple bind(Filter f) {
    return Tuple.of(f.taskId(), f.deviceIds() == null ? null : f.deviceIds().toArray(new String[0]),
        f.models() == null ? null : f.models().toArray(new String[0]), f.fromTime(), f.toTime());
  }

  private static JsonObject json(Row row) {
    JsonObject event = new JsonObject().put("eventId", Long.toString(row.getLong("event_id"))).put("deviceId", row.getString("device_id"))
        .put("trackId", row.getString("track_key")).put("model", row.getString("model")).put("startTime", row.getLong("start_time"))
        .put("endTime", row.getLong("end_time")).put("bestTime", row.getLong("best_time")).put("box", row.getJsonObject("box"))
        .put("score", Math.round(row.getFloat("score") * 1000) / 1000.0).put("frames", row.getInteger("frames"));
    JsonObject identity = row.getJsonObject("identity");
    if (identity != null) {
      event.put("identity", identity);
    }
    Float[] descriptor = row.getArrayOfFloats("descriptor");
    if (descriptor != null) {
      JsonArray values = new JsonArray();
      for (Float v : descriptor) {
        values.add(v);
      }
      event.put("descriptor", values);
    }
    return event;
  }
}
