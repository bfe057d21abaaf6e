-- A node launching a device's AIPS task claims it first (launching_since), so that the start of a
-- task and the periodic check for half-started ones never submit the same device twice. A claim
-- older than the launch timeout is a node that died mid-launch: another node may take it.
ALTER TABLE device ADD COLUMN launching_since timestamptz;
