-- Completion webhooks (docs/api.md#completion-webhooks).
--
--   task.webhook       the URL a submission named, until the task has ended and a webhook sweeper
--                      has moved it into webhook_delivery (then NULL). The partial index holds only
--                      tasks whose webhook is still to be handed over, so the sweep stays small.
--   webhook_delivery   one row per ended task with a webhook: the Standard Webhooks message id (the
--                      same on every attempt, so receivers can drop duplicates), attempts, when the
--                      next attempt is due, and how it ended. A sweeper claims due rows by moving
--                      next_attempt_at past the attempt's timeout (a lease: if its node dies, the row
--                      falls due again), so deliveries survive restarts and several schedulers share them.
ALTER TABLE task ADD COLUMN webhook text;
CREATE INDEX task_webhook_idx ON task (id) WHERE webhook IS NOT NULL;

CREATE TABLE webhook_delivery (
  task_id         bigint      PRIMARY KEY,
  url             text        NOT NULL,
  message_id      text        NOT NULL,
  state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'given_up')),
  attempts        integer     NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ended_at        timestamptz,
  last_status     integer,
  last_error      text
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_ended_idx ON webhook_delivery (ended_at) WHERE state <> 'pending';
