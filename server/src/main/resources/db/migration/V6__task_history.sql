-- The history of every task: one row per transition of the lifecycle (lifecycle.TaskTransition),
-- written by the same statement that makes the transition, so history and state cannot disagree.
-- event: submitted, claimed, completed, retried, failed, stopped, resumed, cancelled, purged.
-- state: the task's state after it. node: the scheduler that claimed, the executor that completed.
-- detail: why (the error of a retry or failure, who cancelled or stopped).
-- at is the time of the insert (clock_timestamp), after the statement got its locks: a statement that
-- waited for another task's transition records its own event after it.
-- Served by GET /api/task/{queryCode}/events. Rows live as long as their task row.
CREATE TABLE task_event (
  task_id  bigint      NOT NULL,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  event    text        NOT NULL,
  state    text        NOT NULL,
  node     text,
  attempt  integer,
  detail   text
);
CREATE INDEX task_event_task ON task_event (task_id, at);

-- Tasks from before the history: their submission, so that every task has one.
INSERT INTO task_event (task_id, at, event, state)
SELECT id, created_at, 'submitted', 'waiting' FROM task;
