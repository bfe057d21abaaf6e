-- Waiting tasks per type, changed in the same statement as the tasks that enter or leave 'waiting'
-- (submit, claim, retry, lease recovery, cancel). With it a task's place in the queue is
-- "waiting in total minus waiting behind it": the tasks behind a new submission lie within
-- vip × vipStep task numbers, so placing it no longer walks the whole queue ahead (nor the dead
-- index entries that tasks which already left the queue leave behind until vacuum).
-- Statements that change several types upsert their rows in task_type order, so they cannot deadlock.
CREATE TABLE queue_length (
  task_type text PRIMARY KEY,
  waiting   bigint NOT NULL
);
INSERT INTO queue_length (task_type, waiting)
SELECT task_type, count(*) FROM task WHERE status = 'waiting' GROUP BY task_type;

-- Queue scans (claims, places) go type by type through task_queue_idx. The all-types index let the
-- planner walk every other type's waiting tasks to find one type's (a claim took 0.5 s with a
-- million tasks of another type queued), and each index costs every insert and status change.
DROP INDEX task_queue_all_idx;
