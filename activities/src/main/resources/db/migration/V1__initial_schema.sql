-- The seed data model: ml models, datasets with versions, feature and model configs, training
-- runs with their per-epoch metrics, and the local model registry.

create table ml_model (
    id          bigserial primary key,
    name        varchar(63) not null unique,
    model_type  varchar(32) not null,
    description text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table dataset (
    id          bigserial primary key,
    name        varchar(63) not null unique,
    description text,
    source_type varchar(32) not null,
    source      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table dataset_version (
    id          bigserial primary key,
    dataset_id  bigint not null references dataset (id) on delete cascade,
    version     integer not null,
    checksum    varchar(64) not null,
    row_count   bigint not null,
    created_at  timestamptz not null default now(),
    constraint dataset_version_number_uq unique (dataset_id, version),
    constraint dataset_version_checksum_uq unique (dataset_id, checksum)
);

create table feature_config (
    id          bigserial primary key,
    name        varchar(63) not null unique,
    description text,
    config      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table model_config (
    id          bigserial primary key,
    name        varchar(63) not null unique,
    description text,
    model_type  varchar(32) not null,
    config      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table training_run (
    id                        bigserial primary key,
    name                      varchar(63) not null,
    description               text,
    ml_model_id               bigint not null references ml_model (id),
    run_number                integer not null,
    model_type                varchar(32) not null,
    dataset_id                bigint not null references dataset (id),
    dataset_version           integer,
    feature_config_id         bigint not null references feature_config (id),
    model_config_id           bigint not null references model_config (id),
    training_params           jsonb not null,
    gpu_config                jsonb not null,
    evaluator_config          jsonb not null,
    deployment_config         jsonb not null,
    status                    varchar(16) not null,
    workflow_id               varchar(128),
    current_stage             varchar(16),
    current_epoch             integer not null default 0,
    total_epochs              integer not null default 0,
    progress_percent          integer not null default 0,
    stage_details             jsonb not null default '[]',
    loss                      double precision,
    validation_loss           double precision,
    recall_at_5               double precision,
    recall_at_10              double precision,
    recall_at_50              double precision,
    recall_at_100             double precision,
    rmse                      double precision,
    mae                       double precision,
    is_blessed                boolean,
    evaluation_results        jsonb,
    registered_model_id       bigint,
    registered_model_version  integer,
    model_artifact_uri        text,
    deployment_status         varchar(32),
    endpoint_id               varchar(255),
    endpoint_url              text,
    artifacts                 jsonb not null default '{}',
    config_sha256             varchar(64),
    error_message             text,
    error_stage               varchar(16),
    error_details             jsonb,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    submitted_at              timestamptz,
    started_at                timestamptz,
    completed_at              timestamptz,
    duration_seconds          double precision,
    constraint training_run_number_uq unique (ml_model_id, run_number),
    constraint training_run_status_ck check (status in
        ('pending', 'scheduled', 'submitting', 'running', 'completed', 'failed', 'cancelled', 'not_blessed'))
);

create index training_run_status_idx on training_run (status);
create index training_run_model_type_idx on training_run (model_type);
create index training_run_created_idx on training_run (created_at desc);

create table training_metrics_history (
    id                  bigserial primary key,
    training_run_id     bigint not null references training_run (id) on delete cascade,
    epoch               integer not null,
    train_loss          double precision,
    validation_loss     double precision,
    recall_at_5         double precision,
    recall_at_10        double precision,
    recall_at_50        double precision,
    recall_at_100       double precision,
    rmse                double precision,
    mae                 double precision,
    learning_rate       double precision,
    examples_per_second double precision,
    epoch_seconds       double precision,
    recorded_at         timestamptz not null default now(),
    constraint training_metrics_history_epoch_uq unique (training_run_id, epoch)
);

create table model_registry (
    id              bigserial primary key,
    ml_model_id     bigint not null references ml_model (id),
    version         integer not null,
    training_run_id bigint unique references training_run (id) on delete set null,
    model_type      varchar(32) not null,
    artifact_uri    text not null,
    is_blessed      boolean not null,
    pushed_anyway   boolean not null default false,
    metrics         jsonb not null,
    labels          jsonb not null,
    created_at      timestamptz not null default now(),
    constraint model_registry_version_uq unique (ml_model_id, version)
);
