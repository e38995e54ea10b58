-- Training schedules: the time spec and run template frozen at creation, the policies, and the
-- statistics the schedule workflow projects (it is the source of truth; the revision keeps a late
-- projection from overwriting a newer one). Runs started by a schedule link back to it with the
-- fire time they were created for, which is also the idempotency key of their creation.

create table training_schedule (
    id                    bigserial primary key,
    name                  varchar(63) not null,
    description           text,
    status                varchar(16) not null,
    schedule_type         varchar(16) not null,
    spec                  jsonb not null,
    run_template          jsonb not null,
    overlap_policy        varchar(16) not null,
    catch_up_policy       varchar(16) not null,
    pause_after_failures  integer,
    workflow_id           varchar(128),
    paused_reason         text,
    total_runs            integer not null default 0,
    successful_runs       integer not null default 0,
    failed_runs           integer not null default 0,
    cancelled_runs        integer not null default 0,
    skipped_fires         integer not null default 0,
    consecutive_failures  integer not null default 0,
    success_rate          double precision,
    degraded              boolean not null default false,
    last_run_id           bigint,
    last_run_status       varchar(16),
    last_run_at           timestamptz,
    next_run_at           timestamptz,
    revision              bigint not null default 0,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint training_schedule_status_ck check (status in ('active', 'paused', 'completed', 'cancelled'))
);

create index training_schedule_status_idx on training_schedule (status);

alter table training_run add column schedule_id bigint references training_schedule (id) on delete set null;
alter table training_run add column scheduled_for timestamptz;
alter table training_run add constraint training_run_schedule_fire_uq unique (schedule_id, scheduled_for);
