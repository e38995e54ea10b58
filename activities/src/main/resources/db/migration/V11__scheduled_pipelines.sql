-- Scheduled pipelines (issue 8): a schedule fires either a training run of its run template or a
-- run of a pipeline, never both. A pipeline run started by a schedule links back to it with the
-- fire time it was created for, which is also the idempotency key of its creation (as for runs).

alter table training_schedule alter column run_template drop not null;
alter table training_schedule add column pipeline_id bigint references pipeline (id);
alter table training_schedule add constraint training_schedule_fires_one_ck
    check ((run_template is null) <> (pipeline_id is null));

alter table pipeline_run add column schedule_id bigint references training_schedule (id) on delete set null;
alter table pipeline_run add column scheduled_for timestamptz;
alter table pipeline_run add constraint pipeline_run_schedule_fire_uq unique (schedule_id, scheduled_for);
