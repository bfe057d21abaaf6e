-- The seed's TaskTable, plus what scheduling needs (status, attempts, lease, error, checkpoint).
-- Bearer tokens are never stored: x_token_hash is the SHA-256 of the token.
CREATE SEQUENCE task_no_seq;

CREATE TABLE task (
  id                   bigserial PRIMARY KEY,
  task_type            text        NOT NULL,
  task_no              bigint      NOT NULL,  -- from task_no_seq, hence unique without an index
  vip                  smallint    NOT NULL CHECK (vip BETWEEN 0 AND 100),
  process_no           bigint      NOT NULL,
  status               text        NOT NULL CHECK (status IN ('waiting', 'running', 'done', 'failed', 'cancelled')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  start_at             timestamptz,
  done_at              timestamptz,
  query_code           text        NOT NULL UNIQUE,
  retention            timestamptz,
  keep_seconds         bigint      NOT NULL,
  style_image_path     text,
  content_image_path   text,
  style_image_md5      text,
  content_image_md5    text,
  quality              smallint    NOT NULL CHECK (quality BETWEEN 0 AND 100),
  params               jsonb       NOT NULL DEFAULT '{}',
  result_url           text,
  result_path          text,
  result_content_type  text,
  result_json          jsonb,
  user_id              text        NOT NULL,
  proccessing          real        NOT NULL DEFAULT 0,
  time_budget          real        NOT NULL,
  estimate_start_at    timestamptz,
  channel              text,
  guide_code           text,
  x_token_hash         text        NOT NULL,
  host                 text,
  agent                text,
  demand_visit_times   integer     NOT NULL,
  visit_times          integer     NOT NULL DEFAULT 0,
  attempts             integer     NOT NULL DEFAULT 0,
  lease_owner          text,
  lease_expires_at     timestamptz,
  executed_by          text,
  checkpoint           jsonb,
  error                text,
  purged               boolean     NOT NULL DEFAULT false
);

-- Few indexes on purpose: every claim and completion rewrites the row and each index gains an
-- entry. The queue: claims walk these partial indexes in processNo order.
CREATE INDEX task_queue_idx ON task (task_type, process_no, task_no) WHERE status = 'waiting';
CREATE INDEX task_queue_all_idx ON task (process_no, task_no) WHERE status = 'waiting';
CREATE INDEX task_lease_idx ON task (lease_expires_at) WHERE status = 'running';
CREATE INDEX task_retention_idx ON task (retention) WHERE NOT purged AND retention IS NOT NULL;
-- Blob reference checks before a shared (deduplicated) file is deleted.
CREATE INDEX task_style_blob_idx ON task (style_image_path) WHERE NOT purged AND style_image_path IS NOT NULL;
CREATE INDEX task_content_blob_idx ON task (content_image_path) WHERE NOT purged AND content_image_path IS NOT NULL;
CREATE INDEX task_result_blob_idx ON task (result_path) WHERE NOT purged AND result_path IS NOT NULL;

-- Measured run times per task type (the seed's timeBudget once real runs exist).
CREATE TABLE task_type_stats (
  task_type   text PRIMARY KEY,
  runs        bigint           NOT NULL,
  avg_seconds double precision NOT NULL,
  updated_at  timestamptz      NOT NULL DEFAULT now()
);

-- Service-wide counters kept in step with the task rows they count (GET /api/taskes-done).
CREATE TABLE task_counter (
  name  text PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO task_counter (name, value) VALUES ('done', 0);
