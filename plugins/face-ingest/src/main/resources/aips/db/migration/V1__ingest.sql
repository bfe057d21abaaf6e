-- The face ingestion service's tables, in its own schema (plugin_faceingest), applied by the host with Flyway.

-- One seed task: a CSV to ingest into a group, with its settings. state: 1 created, 2 running, 3 stopped, 4 finished.
-- next_row is the resume point (every row before it is handled); handled_num counts handled rows, each once.
CREATE TABLE ingest_task (
  id           text        PRIMARY KEY,
  group_name   text        NOT NULL,
  config       text        NOT NULL,
  csv_key      text        NOT NULL,
  total_num    bigint      NOT NULL,
  handled_num  bigint      NOT NULL DEFAULT 0,
  next_row     bigint      NOT NULL DEFAULT 0,
  state        smallint    NOT NULL DEFAULT 1,
  task_id      text        UNIQUE,
  last_error   text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_task_group ON ingest_task (group_name, created_at);

-- Exactly-once: a row is handled when its key is here, written in the same transaction as its face or log entry.
CREATE TABLE handled_row (
  ingest_id  text   NOT NULL REFERENCES ingest_task (id) ON DELETE CASCADE,
  row_no     bigint NOT NULL,
  PRIMARY KEY (ingest_id, row_no)
);

-- The task log (seed 1.7): one entry per row that was not stored.
CREATE TABLE ingest_log (
  ingest_id  text    NOT NULL REFERENCES ingest_task (id) ON DELETE CASCADE,
  row_no     bigint  NOT NULL,
  uri        text    NOT NULL,
  code       integer NOT NULL,
  message    text    NOT NULL,
  PRIMARY KEY (ingest_id, row_no)
);

-- Faces of the groups. They outlive the task that stored them (ingest_id is where a face came from, not an owner).
-- descriptor: 1024 float32, little-endian, unit length. image_sha256 recognises the same image twice in a group.
CREATE TABLE face (
  id            bigserial   PRIMARY KEY,
  group_name    text        NOT NULL,
  tag           text        NOT NULL,
  description   text        NOT NULL,
  uri           text        NOT NULL,
  image_sha256  text        NOT NULL,
  box_x real NOT NULL, box_y real NOT NULL, box_width real NOT NULL, box_height real NOT NULL,
  yaw real NOT NULL, pitch real NOT NULL, roll real NOT NULL,
  blur_degree   real        NOT NULL,
  score         real        NOT NULL,
  descriptor    bytea       NOT NULL,
  ingest_id     text,
  row_no        bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (group_name, image_sha256),
  UNIQUE (ingest_id, row_no)
);
CREATE INDEX face_group ON face (group_name, id);

-- Bumped when faces of a group are deleted, so that search indexes on every node know to rebuild.
CREATE TABLE group_version (
  group_name  text   PRIMARY KEY,
  deletions   bigint NOT NULL DEFAULT 0
);
