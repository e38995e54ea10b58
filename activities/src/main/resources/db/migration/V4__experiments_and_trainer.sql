-- Issue 3 (the trainer): runs are training runs or quick experiments; a training run may start from
-- an experiment and records how it compares with it; the metrics history keeps the test split's
-- row beside the per-epoch validation rows.

alter table training_run add column run_kind varchar(16) not null default 'training';
alter table training_run add constraint training_run_kind_ck check (run_kind in ('training', 'experiment'));
alter table training_run add column base_experiment_id bigint references training_run (id) on delete set null;
-- {"experiment_id", "experiment_name", "metric", "experiment_value", "value", "delta", "better"}
alter table training_run add column comparison jsonb;
create index training_run_kind_idx on training_run (run_kind, status);

-- 'validation': one row per epoch; 'test': one row for the final model on the test split.
alter table training_metrics_history add column split varchar(16) not null default 'validation';
alter table training_metrics_history add column test_loss double precision;
alter table training_metrics_history drop constraint training_metrics_history_epoch_uq;
alter table training_metrics_history add constraint training_metrics_history_split_epoch_uq
    unique (training_run_id, split, epoch);
