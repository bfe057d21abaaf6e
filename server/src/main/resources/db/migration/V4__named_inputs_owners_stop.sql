-- Service plugins (docs/plugins.md, "Service plugins"):
--
--   task_input   a task's named inputs, blobs by reference (the seed's styleImage and contentImage are
--                two such names). The scheduler carries small ones inline to the executor and only
--                the reference of large ones (a recorded video), which the executor reads from disk.
--   blob_hold    blobs a plugin keeps (an uploaded video its own tables name); the sweeper deletes a
--                blob only when no live task, task input or hold refers to it.
--   plugin_role  the login role of each plugin's own schema (plugin_<id>), created once per database.
--   task.owner   the plugin that submitted a task through the host's task API (NULL: a REST client).
--   'stopped'    a task stopped on request, checkpoint kept, until it is started (queued) again;
--                task.attempt_floor is the attempts made before that start, so that the retry budget
--                (scheduler.maxAttempts) counts from it.

CREATE TABLE task_input (
  task_id  bigint NOT NULL,
  name     text   NOT NULL,
  blob_key text   NOT NULL,
  size     bigint,            -- NULL for inputs stored before V4 (seed images, below the inline limit)
  PRIMARY KEY (task_id, name)
);
CREATE INDEX task_input_blob_idx ON task_input (blob_key);

INSERT INTO task_input (task_id, name, blob_key)
SELECT id, 'styleImage', style_image_path FROM task WHERE style_image_path IS NOT NULL AND NOT purged;
INSERT INTO task_input (task_id, name, blob_key)
SELECT id, 'contentImage', content_image_path FROM task WHERE content_image_path IS NOT NULL AND NOT purged;

DROP INDEX task_style_blob_idx;
DROP INDEX task_content_blob_idx;
ALTER TABLE task DROP COLUMN style_image_path, DROP COLUMN content_image_path;

CREATE TABLE blob_hold (
  owner    text NOT NULL,
  blob_key text NOT NULL,
  PRIMARY KEY (blob_key, owner)
);

CREATE TABLE plugin_role (
  plugin_id text PRIMARY KEY,
  role_name text NOT NULL,
  password  text NOT NULL
);

ALTER TABLE task ADD COLUMN owner text;
ALTER TABLE task ADD COLUMN attempt_floor integer NOT NULL DEFAULT 0;
CREATE INDEX task_owner_idx ON task (owner, id) WHERE owner IS NOT NULL;

ALTER TABLE task DROP CONSTRAINT task_status_check;
ALTER TABLE task ADD CONSTRAINT task_status_check
  CHECK (status IN ('waiting', 'running', 'stopped', 'done', 'failed', 'cancelled'));
