-- Training pipelines (issue 8): DAG definitions, their runs with a per-task report, and the link
-- from each train-task attempt to the training run it created (the attempt's idempotency key).

create table pipeline (
    id          bigserial primary key,
    name        varchar(63) not null unique,
    description text,
    -- another pipeline whose latest run must have succeeded before this one may run
    depends_on  varchar(63),
    -- webhooks posted when a run succeeds, or fails or partially succeeds
    on_success_url text,
    on_failure_url text,
    definition  jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table pipeline_run (
    id          bigserial primary key,
    pipeline_id bigint not null references pipeline (id) on delete cascade,
    status      varchar(32) not null,
    workflow_id varchar(128),
    tasks       jsonb not null default '[]',
    models      jsonb not null default '[]',
    message     text,
    revision    integer not null default 0,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    finished_at timestamptz
);

create index pipeline_run_pipeline_idx on pipeline_run (pipeline_id, id);

create table pipeline_task_run (
    pipeline_run_id bigint not null references pipeline_run (id) on delete cascade,
    task_id         varchar(63) not null,
    attempt         integer not null,
    training_run_id bigint not null references training_run (id) on delete cascade,
    primary key (pipeline_run_id, task_id, attempt)
);
