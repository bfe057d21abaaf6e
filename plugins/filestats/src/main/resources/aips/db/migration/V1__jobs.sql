-- The service's own table, in its own schema (plugin_filestats): the host applies this with Flyway
-- as the plugin's role before the service starts. The AIPS task holds the job's state; this table
-- holds what the service adds (the file, the counts) and a copy of the state fed by task events.
CREATE TABLE job (
  id          text        PRIMARY KEY,
  file_key    text        NOT NULL,
  file_size   bigint      NOT NULL,
  task_id     text        NOT NULL UNIQUE,
  state       text        NOT NULL,
  progress    real        NOT NULL DEFAULT 0,
  lines       bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
