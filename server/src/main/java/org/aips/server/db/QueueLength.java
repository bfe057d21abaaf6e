package org.aips.server.db;

/**
 * SQL for queue_length (V2): the waiting tasks per type, kept in step with task_queue by the same
 * statement. Split into shards (V9) so that concurrent writers do not queue on one row's lock: each
 * writes its connection's shard (counter_shard()); readers sum a type's shards through the view queue_waiting.
 */
public final class QueueLength {

  private QueueLength() {
  }

  /**
   * An upsert adding {@code sign}count(*) of {@code rows} (a relation with a task_type column) per type
   * to this connection's shard. In task_type order (unlike UPDATE … FROM) it locks the counter rows in
   * a fixed order, so concurrent statements cannot deadlock on them.
   */
  public static String change(String sign, String rows) {
    return """
        INSERT INTO queue_length AS q (task_type, shard, waiting)
          SELECT task_type, counter_shard(), %scount(*) FROM %s GROUP BY task_type ORDER BY task_type
          ON CONFLICT (task_type, shard) DO UPDATE SET waiting = q.waiting + excluded.waiting""".formatted(sign, rows);
  }
}
