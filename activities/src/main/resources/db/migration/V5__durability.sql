-- Durability: training attempts, retries and their reasons, wasted work, cost, queue delay, the
-- stage outputs a retried run reuses, where a cancelled run stopped, and ml-model blocks.

alter table training_run add column attempts integer not null default 0;
alter table training_run add column preemptions integer not null default 0;
alter table training_run add column retry_history jsonb not null default '[]';
alter table training_run add column cost_usd double precision not null default 0;
alter table training_run add column gpu_seconds_trained double precision not null default 0;
alter table training_run add column gpu_seconds_lost double precision not null default 0;
alter table training_run add column queue_delay_seconds double precision;
alter table training_run add column capacity jsonb;
alter table training_run add column worker_identity varchar(255);
alter table training_run add column stage_outputs jsonb;
alter table training_run add column cancelled_at_stage varchar(16);
alter table training_run add column cancelled_at_epoch integer;

-- An admin clears a block (3 failed runs in 24 h) by moving this mark past those failures.
alter table ml_model add column block_cleared_at timestamptz;
