package org.aips.plugins.faceingest.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the groups and their faces: listing, paging, fetching and deleting faces, and what the
 * search indexes read (descriptors above a high-water mark, deletions after a sequence number).
 *
 * <p>Every write to a group's faces (a stored face, a deletion) holds the group's transaction-level
 * advisory lock from before its id is drawn until it commits, so within one group ids (and deletion
 * seqs) become visible in increasing order: an index that has seen face id N has seen every face of
 * the group below N that will ever be visible. That is what lets indexes catch up by "id above my
 * high-water mark" without missing a face whose transaction committed late.
 */
public final class GroupFaces {

  /** A group's {@link Version} as two columns of a select list ($1: the group). */
  private static final String VERSION = "(SELECT coalesce(max(id), 0) FROM face WHERE group_name = $1) AS max_id, "
      + "(SELECT coalesce(max(deletions), 0) FROM group_version WHERE group_name = $1) AS deletions";

  /** A face as its own route and the listing show it (descriptor only when asked). */
  public record StoredFace(long id, String tag, String description, String uri, float[] box, float[] pose, float blurDegree,
                           float score, OffsetDateTime created, float[] descriptor) {

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("face_id", id).put("tag", tag).put("description", description).put("uri", uri)
          .put("box", new JsonObject().put("x", box[0]).put("y", box[1]).put("width", box[2]).put("height", box[3]))
          .put("pose", new JsonObject().put("yaw", pose[0]).put("pitch", pose[1]).put("roll", pose[2]))
          .put("blur_degree", blurDegree).put("score", score).put("created", created == null ? null : created.toString());
      if (descriptor != null) {
        JsonArray values = new JsonArray();
        for (float v : descriptor) {
          values.add(v);
        }
        json.put("descriptor", values);
      }
      return json;
    }
  }

  /** What a search answer shows of a matched face. */
  public record Summary(long id, String tag, String description, String uri) {
  }

  /** A group's state as the indexes follow it: the highest face id and the number of deletions so far. */
  public record Version(long maxId, long deletions) {
  }

  /** A page of raw descriptors (little-endian float32) in id order. */
  public record DescriptorPage(long[] ids, List<Buffer> descriptors) {
    public long lastId(long fallback) {
      return ids.length == 0 ? fallback : ids[ids.length - 1];
    }
  }

  /** A deletion as the indexes apply it. */
  public record Deletion(long seq, long faceId) {
  }

  private static final String COLUMNS = "id, tag, description, uri, box_x, box_y, box_width, box_height, yaw, pitch, roll, "
      + "blur_degree, score, created_at";

  private final Pool pool;

  public GroupFaces(Pool pool) {
    this.pool = pool;
  }

  /** Takes the group's write lock for the rest of the transaction (see the class comment). */
  public static Future<Void> lockGroup(SqlConnection conn, String group) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('faceingest.group:' || $1, 0))")
        .execute(Tuple.of(group)).mapEmpty();
  }

  /** Every group that has faces or tasks, by name, with its number of faces. */
  public Future<List<JsonObject>> groups() {
    return pool.query("SELECT g.group_name, coalesce(f.n, 0) AS n FROM "
            + "(SELECT group_name FROM face UNION SELECT group_name FROM ingest_task) g "
            + "LEFT JOIN (SELECT group_name, count(*) AS n FROM face GROUP BY group_name) f ON f.group_name = g.group_name "
            + "ORDER BY g.group_name")
        .execute().map(rows -> {
          List<JsonObject> groups = new ArrayList<>();
          rows.forEach(row -> groups.add(new JsonObject().put("group_name", row.getString(0)).put("face_num", row.getLong(1))));
          return groups;
        });
  }

  public Future<Long> count(String group) {
    return pool.preparedQuery("SELECT count(*) FROM face WHERE group_name = $1").execute(Tuple.of(group))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Long> countUpTo(String group, long maxId) {
    return pool.preparedQuery("SELECT count(*) FROM face WHERE group_name = $1 AND id <= $2").execute(Tuple.of(group, maxId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Boolean> exists(String group) {
    return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM face WHERE group_name = $1) OR EXISTS (SELECT 1 FROM ingest_task WHERE group_name = $1)")
        .execute(Tuple.of(group)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Faces with ids above {@code after}, in id order. */
  public Future<List<StoredFace>> page(String group, long after, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM face WHERE group_name = $1 AND id > $2 ORDER BY id LIMIT $3")
        .execute(Tuple.of(group, after, limit)).map(rows -> {
          List<StoredFace> faces = new ArrayList<>();
          rows.forEach(row -> faces.add(face(row, false)));
          return faces;
        });
  }

  public Future<Optional<StoredFace>> find(String group, long id, boolean withDescriptor) {
    return pool.preparedQuery("SELECT " + COLUMNS + (withDescriptor ? ", descriptor" : "") + " FROM face WHERE group_name = $1 AND id = $2")
        .execute(Tuple.of(group, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(face(rows.iterator().next(), withDescriptor)));
  }

  /** Deletes one face and records the deletion for the indexes; false when the group has no such face. */
  public Future<Boolean> delete(String group, long id) {
    return pool.withTransaction(conn -> lockGroup(conn, group)
        .compose(locked -> conn.preparedQuery("DELETE FROM face WHERE group_name = $1 AND id = $2").execute(Tuple.of(group, id)))
        .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false)
            : conn.preparedQuery("INSERT INTO face_deletion (group_name, face_id) VALUES ($1, $2)").execute(Tuple.of(group, id))
                .compose(logged -> conn.preparedQuery("INSERT INTO group_version (group_name, deletions) VALUES ($1, 1) "
                    + "ON CONFLICT (group_name) DO UPDATE SET deletions = group_version.deletions + 1").execute(Tuple.of(group)))
                .map(true)));
  }

  public Future<Version> version(String group) {
    return pool.preparedQuery("SELECT " + VERSION)
        .execute(Tuple.of(group)).map(rows -> {
          Row row = rows.iterator().next();
          return new Version(row.getLong(0), row.getLong(1));
        });
  }

  /** The last deletion seq of the group (0 when none): where an index built now starts following deletions. */
  public Future<Long> lastDeletion(String group) {
    return pool.preparedQuery("SELECT coalesce(max(seq), 0) FROM face_deletion WHERE group_name = $1").execute(Tuple.of(group))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<Deletion>> deletionsAfter(String group, long seq) {
    return pool.preparedQuery("SELECT seq, face_id FROM face_deletion WHERE group_name = $1 AND seq > $2 ORDER BY seq")
        .execute(Tuple.of(group, seq)).map(rows -> {
          List<Deletion> deletions = new ArrayList<>();
          rows.forEach(row -> deletions.add(new Deletion(row.getLong(0), row.getLong(1))));
          return deletions;
        });
  }

  /** Descriptors of faces with ids in ({@code after}, {@code upTo}], in id order, at most {@code limit}. */
  public Future<DescriptorPage> descriptors(String group, long after, long upTo, int limit) {
    return pool.preparedQuery("SELECT id, descriptor FROM face WHERE group_name = $1 AND id > $2 AND id <= $3 ORDER BY id LIMIT $4")
        .execute(Tuple.of(group, after, upTo, limit)).map(rows -> {
          long[] ids = new long[rows.size()];
          List<Buffer> descriptors = new ArrayList<>(rows.size());
          int i = 0;
          for (Row row : rows) {
            ids[i++] = row.getLong(0);
            descriptors.add(row.getBuffer(1));
          }
          return new DescriptorPage(ids, descriptors);
        });
  }

  /** The table's version and the summaries of those of {@code ids} still in it, read in one snapshot. */
  public record Summaries(Version version, Map<Long, Summary> found) {
  }

  /**
   * The group's version with the summaries of {@code ids}: one round trip after a search, which stands if the
   * version is the one its engine caught up to (faces deleted meanwhile have no summary).
   */
  public Future<Summaries> summaries(String group, List<Long> ids) {
    return pool.preparedQuery("SELECT v.max_id, v.deletions, f.id, f.tag, f.description, f.uri FROM (SELECT " + VERSION + ") v "
            + "LEFT JOIN face f ON f.group_name = $1 AND f.id = ANY($2)")
        .execute(Tuple.of(group).addArrayOfLong(ids.toArray(new Long[0]))).map(rows -> {
          Version version = null;
          Map<Long, Summary> found = new HashMap<>();
          for (Row row : rows) {
            version = new Version(row.getLong(0), row.getLong(1));
            if (row.getLong(2) != null) {
              found.put(row.getLong(2), new Summary(row.getLong(2), row.getString(3), row.getString(4), row.getString(5)));
            }
          }
          return new Summaries(version, found);
        });
  }

  private static StoredFace face(Row row, boolean withDescriptor) {
    return new StoredFace(row.getLong("id"), row.getString("tag"), row.getString("description"), row.getString("uri"),
        new float[] {row.getFloat("box_x"), row.getFloat("box_y"), row.getFloat("box_width"), row.getFloat("box_height")},
        new float[] {row.getFloat("yaw"), row.getFloat("pitch"), row.getFloat("roll")}, row.getFloat("blur_degree"),
        row.getFloat("score"), row.getOffsetDateTime("created_at"), withDescriptor ? Descriptors.decode(row.getBuffer("descriptor")) : null);
  }
}
