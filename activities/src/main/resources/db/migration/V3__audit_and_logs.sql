-- Audit trail and reproducibility. Run logs are not here: every process that runs a stage (the
-- api, standalone gpu workers that never touch this database) writes them to the run's folder in
-- the artifact store (runs/<id>/logs/), which GET /api/training-runs/{id}/logs reads.

-- Append-only: one row per event. Runs are not referenced by a foreign key, because deleting a
-- run must neither delete nor rewrite its audit rows.
create table training_audit_log (
    id            bigserial primary key,
    occurred_at   timestamptz not null default now(),
    -- api_call, run_started, run_finished, reproduction_compared
    event         varchar(32) not null,
    training_run_id bigint,
    -- who: the token's or JWT subject's name for API calls, the service for run events
    actor         varchar(255) not null,
    actor_role    varchar(16),
    http_method   varchar(8),
    path          text,
    http_status   integer,
    run_status    varchar(16),
    git_commit    varchar(64),
    image_digest  varchar(128),
    config_sha256 varchar(64),
    details       jsonb not null default '{}',
    -- makes recording an event idempotent (a retried projection must not append it twice)
    dedup_key     varchar(255) unique
);

create index training_audit_log_run_idx on training_audit_log (training_run_id, id);
create index training_audit_log_occurred_idx on training_audit_log (occurred_at desc);

-- [jooq ignore start]
create function training_audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'training_audit_log is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger training_audit_log_no_update_or_delete
    before update or delete on training_audit_log
    for each row execute function training_audit_log_append_only();

create trigger training_audit_log_no_truncate
    before truncate on training_audit_log
    for each statement execute function training_audit_log_append_only();
-- [jooq ignore stop]

-- A reproduction run re-runs another run's exact config and, when it ends, compares its model
-- metrics with the original's within a tolerance.
alter table training_run add column reproduces_run_id bigint references training_run (id) on delete set null;
alter table training_run add column reproduction_tolerance double precision;
alter table training_run add column reproduction_result jsonb;
