-- The video compute service's tables, in its own schema (plugin_vcs). Each device of a compute
-- task is analysed by an AIPS task (aips_task_id), which holds the run's state and checkpoint;
-- these tables hold what the service adds: videos, tasks as the client defined them, and events.
CREATE TABLE video (
  video_id    text             PRIMARY KEY,
  blob_key    text             NOT NULL,
  size        bigint           NOT NULL,
  sha256      text             NOT NULL,
  duration_ms bigint           NOT NULL,
  codec       text             NOT NULL,
  width       integer          NOT NULL,
  height      integer          NOT NULL,
  frame_rate  double precision NOT NULL,
  created_at  timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE compute_task (
  task_id         text        PRIMARY KEY,
  name            text        NOT NULL,
  exec_type       text        NOT NULL,
  exec_start_time bigint      NOT NULL,
  description     text,
  models          text[]      NOT NULL,
  client_name     text,
  -- CREATED (never started), SCHEDULED (started, waiting for exec_start_time), RUNNING, STOPPED
  phase           text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device (
  task_id           text    NOT NULL REFERENCES compute_task ON DELETE CASCADE,
  device_id         text    NOT NULL,
  position          integer NOT NULL,
  video_id          text    NOT NULL REFERENCES video,
  video_time_length integer NOT NULL,
  video_begin_time  bigint  NOT NULL,
  aips_task_id      text    UNIQUE,
  PRIMARY KEY (task_id, device_id)
);

-- One row per track; (task, device, track) is the idempotency key of a run repeated from a checkpoint.
CREATE TABLE event (
  event_id   bigserial PRIMARY KEY,
  task_id    text      NOT NULL REFERENCES compute_task ON DELETE CASCADE,
  device_id  text      NOT NULL,
  track_key  text      NOT NULL,
  model      text      NOT NULL,
  start_time bigint    NOT NULL,
  end_time   bigint    NOT NULL,
  best_time  bigint    NOT NULL,
  box        jsonb     NOT NULL,
  score      real      NOT NULL,
  frames     integer   NOT NULL,
  thumbnail  bytea,
  descriptor real[],
  UNIQUE (task_id, device_id, track_key)
);
CREATE INDEX event_by_time ON event (task_id, start_time, event_id);
