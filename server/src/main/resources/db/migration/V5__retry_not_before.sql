-- Retries wait before they run again: exponential back-off with jitter after a failure or a lost
-- lease, a short pause while a service the task needs is not up yet (scheduler.retryBackoff*).
-- A claim skips queue rows whose not_before is still ahead; the periodic wake finds them later.
ALTER TABLE task_queue ADD COLUMN not_before timestamptz;
