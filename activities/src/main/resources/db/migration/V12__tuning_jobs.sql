-- Hyperparameter tuning (issue 9): a job searches a run template's training_params; each trial is
-- a training run. The trial row links the trial to its run and is the idempotency key of the run's
-- creation; the workflow projects the job (guarded by its revision) and every trial.

create table tuning_job (
    id                  bigserial primary key,
    name                varchar(63) not null,
    description         text,
    status              varchar(32) not null,
    workflow_id         varchar(128),
    -- the resolved run template every trial overrides (defaults filled), and the search
    base_template       jsonb not null,
    spec                jsonb not null,
    algorithm           varchar(16) not null,
    seed                bigint not null,
    objective_metric    varchar(63) not null,
    objective_direction varchar(16) not null,
    max_trials          integer not null,
    parallelism         integer not null,
    best_trial          integer,
    best_value          double precision,
    promoted_run_id     bigint references training_run (id) on delete set null,
    error               text,
    revision            integer not null default 0,
    created_at          timestamptz not null default now(),
    started_at          timestamptz,
    finished_at         timestamptz
);

create index tuning_job_status_idx on tuning_job (status, id);

create table tuning_trial (
    tuning_job_id   bigint not null references tuning_job (id) on delete cascade,
    trial_number    integer not null,
    training_run_id bigint references training_run (id) on delete set null,
    params          jsonb not null,
    status          varchar(32) not null,
    objective_value double precision,
    metrics         jsonb not null default '{}',
    last_step       integer,
    error           text,
    started_at      timestamptz,
    finished_at     timestamptz,
    primary key (tuning_job_id, trial_number)
);
