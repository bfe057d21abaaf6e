-- Counting running tasks per type (the metrics gauges, the console's queue) joined task_run to the
-- wide task table; on stale statistics PostgreSQL chose a parallel scan of the whole task table for
-- it: 240 ms and both cores at every read during a drain of 200,000 tasks. The run row now carries
-- its task's type, so the count reads only task_run (the tasks in flight).
ALTER TABLE task_run ADD COLUMN task_type text;
UPDATE task_run r SET task_type = t.task_type FROM task t WHERE t.id = r.id;
ALTER TABLE task_run ALTER COLUMN task_type SET NOT NULL;
