package org.aips.plugins.faceingest.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.aips.plugins.faceingest.ingest.ErrorCode;
import org.aips.spi.services.Face;

/**
 * Records the outcome of one row in one transaction: the row's key in {@code handled_row}, its
 * face or its log entry, and the task's {@code handled_num}. A row already recorded (by an earlier
 * run, before a crash or a stop) changes nothing, so every row counts once whatever runs again;
 * a row of a deleted task fails (the key's foreign key) and nothing of it is kept. A face is written
 * under its group's lock ({@link GroupFaces#lockGroup}), so that the group's ids commit in order.
 */
public final class RowRecorder {

  /** What was recorded: {@code fresh} is false when the row had been recorded before; {@code code} is null for a stored face. */
  public record Recorded(boolean fresh, ErrorCode code, String message) {
  }

  private final Pool pool;

  public RowRecorder(Pool pool) {
    this.pool = pool;
  }

  public Future<Recorded> face(String ingestId, long rowNo, NewFace face) {
    return pool.withTransaction(conn -> claim(conn, ingestId, rowNo).compose(fresh -> !fresh ? Future.succeededFuture(new Recorded(false, null, null))
        : GroupFaces.lockGroup(conn, face.groupName()).compose(locked -> insertFace(conn, ingestId, rowNo, face)).compose(id -> id != null ? count(conn, ingestId).map(new Recorded(true, null, null))
            : duplicate(conn, ingestId, rowNo, face))));
  }

  public Future<Recorded> error(String ingestId, long rowNo, String uri, ErrorCode code, String message) {
    return pool.withTransaction(conn -> claim(conn, ingestId, rowNo).compose(fresh -> !fresh ? Future.succeededFuture(new Recorded(false, null, null))
        : log(conn, ingestId, rowNo, uri, code, message).compose(v -> count(conn, ingestId)).map(new Recorded(true, code, message))));
  }

  private static Future<Boolean> claim(SqlConnection conn, String ingestId, long rowNo) {
    return conn.preparedQuery("INSERT INTO handled_row (ingest_id, row_no) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(ingestId, rowNo)).map(rows -> rows.rowCount() == 1);
  }

  private static Future<Long> insertFace(SqlConnection conn, String ingestId, long rowNo, NewFace f) {
    Face face = f.face();
    Tuple values = Tuple.tuple().addString(f.groupName()).addString(f.tag()).addString(f.description()).addString(Uris.forStorage(f.uri()))
        .addString(f.imageSha256()).addFloat((float) face.box().x()).addFloat((float) face.box().y())
        .addFloat((float) face.box().width()).addFloat((float) face.box().height()).addFloat((float) face.pose().yaw())
        .addFloat((float) face.pose().pitch()).addFloat((float) face.pose().roll()).addFloat((float) f.blurDegree())
        .addFloat((float) face.score()).addBuffer(Descriptors.encode(face.descriptor())).addString(ingestId).addLong(rowNo);
    return conn.preparedQuery("INSERT INTO face (group_name, tag, description, uri, image_sha256, box_x, box_y, box_width, box_height, "
            + "yaw, pitch, roll, blur_degree, score, descriptor, ingest_id, row_no) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
            + "ON CONFLICT (group_name, image_sha256) DO NOTHING RETURNING id")
        .execute(values).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** The same image is already in the group: the row is logged (208), not stored twice. */
  private static Future<Recorded> duplicate(SqlConnection conn, String ingestId, long rowNo, NewFace face) {
    return conn.preparedQuery("SELECT id FROM face WHERE group_name = $1 AND image_sha256 = $2")
        .execute(Tuple.of(face.groupName(), face.imageSha256()))
        .compose(rows -> {
          String message = ErrorCode.DUPLICATE.meaning() + " (face " + (rows.size() == 0 ? "?" : rows.iterator().next().getLong(0)) + ")";
          return log(conn, ingestId, rowNo, face.uri(), ErrorCode.DUPLICATE, message).compose(v -> count(conn, ingestId))
              .map(new Recorded(true, ErrorCode.DUPLICATE, message));
        });
  }

  private static Future<Void> log(SqlConnection conn, String ingestId, long rowNo, String uri, ErrorCode code, String message) {
    return conn.preparedQuery("INSERT INTO ingest_log (ingest_id, row_no, uri, code, message) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(ingestId, rowNo, Uris.forStorage(uri), code.code(), message)).mapEmpty();
  }

  private static Future<Void> count(SqlConnection conn, String ingestId) {
    return conn.preparedQuery("UPDATE ingest_task SET handled_num = handled_num + 1 WHERE id = $1").execute(Tuple.of(ingestId)).mapEmpty();
  }
}
