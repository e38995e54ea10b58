-- Registry stages: a model version moves between none, staging, production and archived; at most
-- one version of an ml model is in production, which the database itself enforces.
alter table model_registry add column stage varchar(16) not null default 'none';
alter table model_registry add constraint model_registry_stage_ck check (stage in ('none', 'staging', 'production', 'archived'));
alter table model_registry add column stage_changed_at timestamptz;

-- Lineage kept on the version itself: deleting the run must not erase where the model came from.
alter table model_registry add column dataset_id bigint;
alter table model_registry add column dataset_version integer;
alter table model_registry add column config_sha256 varchar(64);

-- [jooq ignore start]
create unique index model_registry_one_production_uq on model_registry (ml_model_id) where stage = 'production';

update model_registry m
   set dataset_id = r.dataset_id, dataset_version = r.dataset_version, config_sha256 = r.config_sha256
  from training_run r
 where r.id = m.training_run_id;
-- [jooq ignore stop]
