-- Endpoints serve one ml model's registered versions (revisions) behind one URL, with a traffic
-- split between revisions. The row is the record; the deploy target (local processes, Cloud Run)
-- is told what to serve and reports back what it serves.
create table endpoint (
    id          bigserial primary key,
    name        varchar(40) not null,
    target      varchar(16) not null,
    ml_model_id bigint not null references ml_model (id),
    url         text,
    status      varchar(16) not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint endpoint_name_uq unique (name)
);

create table endpoint_revision (
    id                bigserial primary key,
    endpoint_id       bigint not null references endpoint (id) on delete cascade,
    revision_id       varchar(40) not null,
    training_run_id   bigint references training_run (id) on delete set null,
    model_registry_id bigint references model_registry (id) on delete set null,
    model_version     integer not null,
    model_uri         text not null,
    traffic_percent   integer not null,
    url               text,
    created_at        timestamptz not null default now(),
    constraint endpoint_revision_uq unique (endpoint_id, revision_id)
);

-- Every traffic split an endpoint has had, newest last: rollback returns to the one before.
create table endpoint_traffic_change (
    id              bigserial primary key,
    endpoint_id     bigint not null references endpoint (id) on delete cascade,
    split           jsonb not null,
    reason          varchar(16) not null,
    training_run_id bigint,
    created_at      timestamptz not null default now()
);

create index endpoint_traffic_change_endpoint_idx on endpoint_traffic_change (endpoint_id, id);
