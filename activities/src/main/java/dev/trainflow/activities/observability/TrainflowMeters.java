package dev.trainflow.activities.observability;

/**
 * Every meter trainflow defines, in one place: the api, the gpu workers and the model server (when
 * it exists: it registers {@link ModelServerMeters}) take their names from here, and the alert
 * rules and the Grafana dashboard in {@code ops/} name the Prometheus forms given beside each.
 *
 * <p>Micrometer names are dotted; the Prometheus registry appends the base unit and {@code _total}
 * for counters, and {@code _bucket}/{@code _count}/{@code _sum} for histograms. Labels are bounded:
 * statuses, stages, reasons, model types and task queues are closed sets. Only the per-running-run
 * gauges carry a {@code run_id}, and they disappear when the run ends.
 */
public final class TrainflowMeters {
  private TrainflowMeters() {}

  // --- runs, counted when the workflow's projections show the event (RunMeters) ---

  /** {@code trainflow_training_runs_started_total{model_type}}: executions started (a retry counts again). */
  public static final String RUNS_STARTED = "trainflow.training.runs.started";
  /** {@code trainflow_training_runs_finished_total{status,model_type,reason}}. */
  public static final String RUNS_FINISHED = "trainflow.training.runs.finished";
  /** {@code trainflow_training_run_duration_seconds_bucket{status,model_type,le}}: first stage start to the end. */
  public static final String RUN_DURATION = "trainflow.training.run.duration";
  /** {@code trainflow_training_queue_delay_seconds_bucket{le}}: submission to the first training attempt's start. */
  public static final String QUEUE_DELAY = "trainflow.training.queue.delay";
  /** {@code trainflow_training_retries_total{reason}}: failed training attempts, by failure reason. */
  public static final String RETRIES = "trainflow.training.retries";
  /** {@code trainflow_training_epochs_total{model_type}}: epochs completed. */
  public static final String EPOCHS = "trainflow.training.epochs";
  /** {@code trainflow_training_cost_usd_total{model_type}}: money spent on training capacity. */
  public static final String COST = "trainflow.training.cost";
  /** {@code trainflow_training_device_seconds_total{outcome="trained"|"lost"}}: GPU (or CPU) time, per device. */
  public static final String DEVICE_TIME = "trainflow.training.device";
  /** {@code trainflow_data_schema_warnings_total}: non-breaking schema anomalies found by the Schema stage. */
  public static final String SCHEMA_WARNINGS = "trainflow.data.schema.warnings";
  /** {@code trainflow_data_split_rows{split}} (summary: _count, _sum, _max): rows per split of each run. */
  public static final String SPLIT_ROWS = "trainflow.data.split";

  // --- the trainer (gpu workers, and the api when it trains in-process) ---

  /** {@code trainflow_training_checkpoints_saved_total}. */
  public static final String CHECKPOINTS_SAVED = "trainflow.training.checkpoints.saved";

  // --- gauges read from the database by the api (RunningRunsGauges) ---

  /** {@code trainflow_training_runs{status}}: runs in each status now. */
  public static final String RUNS = "trainflow.training.runs";
  /** {@code trainflow_training_run_epoch{run_id,ml_model}}: the running run's last completed epoch. */
  public static final String RUN_EPOCH = "trainflow.training.run.epoch";
  /** {@code trainflow_training_run_planned_epochs{run_id,ml_model}}. */
  public static final String RUN_PLANNED_EPOCHS = "trainflow.training.run.planned.epochs";
  /** {@code trainflow_training_run_progress_ratio{run_id,ml_model}}: progress_percent / 100. */
  public static final String RUN_PROGRESS = "trainflow.training.run.progress";
  /**
   * {@code trainflow_training_run_last_progress_timestamp_seconds{run_id,ml_model,stage}}: when the
   * running run last moved (its last epoch, else the start of its current stage).
   */
  public static final String RUN_LAST_PROGRESS = "trainflow.training.run.last.progress.timestamp";
  /** {@code trainflow_training_run_elapsed_seconds{run_id,ml_model}}: since its first stage started. */
  public static final String RUN_ELAPSED = "trainflow.training.run.elapsed";
  /** {@code trainflow_training_run_max_runtime_seconds{run_id,ml_model}}: its max_runtime_minutes. */
  public static final String RUN_MAX_RUNTIME = "trainflow.training.run.max.runtime";
  /** {@code trainflow_training_run_cost_usd{run_id,ml_model}}: spent so far. */
  public static final String RUN_COST = "trainflow.training.run.cost";
  /** {@code trainflow_training_run_budget_used_ratio{run_id,ml_model}}: cost / max_cost_usd, for runs with a limit. */
  public static final String RUN_BUDGET_USED = "trainflow.training.run.budget.used";
  /** {@code trainflow_training_run_loss{run_id,ml_model,split="train"|"validation"}}: the last epoch's loss. */
  public static final String RUN_LOSS = "trainflow.training.run.loss";

  // --- Temporal, read by the api (TrainingQueueProbe) ---

  /** {@code trainflow_training_queue_backlog{task_queue="gpu"}}: training attempts scheduled, not yet picked up. */
  public static final String QUEUE_BACKLOG = "trainflow.training.queue.backlog";
  /**
   * {@code trainflow_training_run_heartbeat_age_seconds{run_id,ml_model}}: since the running
   * training attempt's last heartbeat (or its start).
   */
  public static final String RUN_HEARTBEAT_AGE = "trainflow.training.run.heartbeat.age";
  /** {@code trainflow_workers_polling{task_queue}}: 1 while this process's worker polls the queue. */
  public static final String WORKERS_POLLING = "trainflow.workers.polling";

  // --- schedules (ScheduleMeters) ---

  /** {@code trainflow_schedule_fires_total{outcome}}: schedule fires by what became of them. */
  public static final String SCHEDULE_FIRES = "trainflow.schedule.fires";

  // --- the model server (ModelServerMeters) ---

  /** {@code trainflow_model_server_request_duration_seconds_bucket{model,method,outcome,le}}. */
  public static final String MODEL_SERVER_REQUEST_DURATION = "trainflow.model.server.request.duration";
  /** {@code trainflow_model_server_batch_size_instances_bucket{model,le}}: instances per executed batch. */
  public static final String MODEL_SERVER_BATCH_SIZE = "trainflow.model.server.batch.size";

  // --- label names ---

  public static final String RUN_ID = "run_id";
  public static final String ML_MODEL = "ml_model";
  public static final String STATUS = "status";
  public static final String MODEL_TYPE = "model_type";
  public static final String REASON = "reason";
  public static final String STAGE = "stage";
  public static final String TASK_QUEUE = "task_queue";
  public static final String OUTCOME = "outcome";
  public static final String SPLIT = "split";
}
