-- A claim returns each task's params and checkpoint. The reactive PostgreSQL client gathers a result
-- in one growing buffer, consolidated (copied whole) every 16 network reads, so decoding costs the
-- square of the result's size: 2,048 tasks of 100 KB (~200 MB) did not decode within minutes, and
-- the scheduler, one claim at a time, claimed nothing more. A claim now stops at a byte budget
-- (scheduler.claimBytes), read from the size each queue row carries.
CREATE FUNCTION task_payload_bytes(params jsonb, checkpoint jsonb) RETURNS integer LANGUAGE sql IMMUTABLE
  AS 'SELECT coalesce(octet_length(params::text), 0) + coalesce(octet_length(checkpoint::text), 0)';

ALTER TABLE task_queue ADD COLUMN bytes integer NOT NULL DEFAULT 0;
UPDATE task_queue q SET bytes = task_payload_bytes(t.params, t.checkpoint) FROM task t WHERE t.id = q.id;
ALTER TABLE task_queue ALTER COLUMN bytes DROP DEFAULT;
