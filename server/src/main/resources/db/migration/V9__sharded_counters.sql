-- The waiting count per type and the done counter were one row each: every submission, claim and
-- completion statement updated that row and so waited on its lock until the previous writer had
-- committed (an fsync). Under concurrent submissions the statements queued on it (auto_explain at
-- 1M queued: 13–46 ms of 14–47 ms statements), and commits that could have shared one WAL flush
-- followed one another. Each counter is now split into shards: a writer changes the row of its
-- connection's shard (counter_shard()), so connections no longer wait on one another; readers sum
-- the shards through the views below. A shard's own value may go negative (a task counted in by one
-- connection and out by another); only the sum means something.
CREATE FUNCTION counter_shard() RETURNS smallint LANGUAGE sql STABLE
  AS 'SELECT (pg_backend_pid() % 64)::smallint';

ALTER TABLE queue_length ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE queue_length DROP CONSTRAINT queue_length_pkey;
ALTER TABLE queue_length ADD PRIMARY KEY (task_type, shard);
ALTER TABLE queue_length ALTER COLUMN shard DROP DEFAULT;

ALTER TABLE task_counter ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE task_counter DROP CONSTRAINT task_counter_pkey;
ALTER TABLE task_counter ADD PRIMARY KEY (name, shard);
ALTER TABLE task_counter ALTER COLUMN shard DROP DEFAULT;

-- What readers of the counters use.
CREATE VIEW queue_waiting AS SELECT task_type, sum(waiting)::bigint AS waiting FROM queue_length GROUP BY task_type;
CREATE VIEW tasks_done AS SELECT coalesce(sum(value), 0)::bigint AS value FROM task_counter WHERE name = 'done';
