-- The drain was bound by PostgreSQL rewriting each wide task row twice (claim, completion), each
-- time inserting into every index, because a status change is never a HOT update while status is
-- in an index predicate. Now the hot path writes the wide row once, at the end, as a HOT update:
--
--   task_queue   waiting tasks, (task_type, process_no, task_no) → id; a claim deletes its rows.
--   task_run     running tasks: attempt, lease (owner, expiry), start, progress; inserted at claim,
--                deleted when the run ends (done, failed, retried, recovered, cancelled).
--   task_expiry  retention deadlines of ended tasks, for the sweeper (the retention index changed
--                at every completion and so forbade HOT updates). One row per deadline and
--                statement: a completion batch of thousands of tasks with the same keepSeconds
--                adds one row, not one per task.
--
-- task.status now says 'waiting' until the task ends: a waiting task has a task_queue row, a
-- running one a task_run row (whose attempt is task.attempts + 1). Readers join task_run to show
-- 'running'. No index on task covers a column the completion changes (for JSON results), so with
-- free room in the page (fillfactor) the completion is a HOT update: no index entry at all.
-- Lock order, everywhere: the task_queue / task_run row first, then the task row.

CREATE TABLE task_queue (
  task_type  text   NOT NULL,
  process_no bigint NOT NULL,
  task_no    bigint NOT NULL,
  id         bigint NOT NULL,
  PRIMARY KEY (task_type, process_no, task_no)
);

CREATE TABLE task_run (
  id          bigint      PRIMARY KEY,
  attempt     integer     NOT NULL,
  owner       text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  start_at    timestamptz NOT NULL,
  proccessing real        NOT NULL DEFAULT 0
);

CREATE TABLE task_expiry (
  retention timestamptz NOT NULL,
  ids       bigint[]    NOT NULL
);
CREATE INDEX task_expiry_idx ON task_expiry (retention);

INSERT INTO task_queue (task_type, process_no, task_no, id)
SELECT task_type, process_no, task_no, id FROM task WHERE status = 'waiting';

INSERT INTO task_run (id, attempt, owner, expires_at, start_at, proccessing)
SELECT id, attempts, coalesce(lease_owner, ''), coalesce(lease_expires_at, now()), coalesce(start_at, now()), proccessing
FROM task WHERE status = 'running';
UPDATE task SET status = 'waiting', attempts = attempts - 1 WHERE status = 'running';

INSERT INTO task_expiry (retention, ids)
SELECT retention, array_agg(id) FROM task WHERE NOT purged AND retention IS NOT NULL GROUP BY retention;

-- queue_length counts task_queue rows; running tasks no longer hold one.
UPDATE queue_length q SET waiting = (SELECT count(*) FROM task_queue w WHERE w.task_type = q.task_type);

DROP INDEX task_queue_idx;
DROP INDEX task_lease_idx;
DROP INDEX task_retention_idx;
ALTER TABLE task DROP COLUMN lease_owner, DROP COLUMN lease_expires_at;
-- Room in each page for the completion's new row version (HOT). Applies to pages written from now on.
ALTER TABLE task SET (fillfactor = 40);
ALTER TABLE task_run SET (fillfactor = 70);
