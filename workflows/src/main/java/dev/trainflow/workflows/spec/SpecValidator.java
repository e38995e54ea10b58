package dev.trainflow.workflows.spec;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation rules of every config, shared by the REST API (a 400 naming each field) and the
 * Compile stage (a non-retryable {@code invalid_config} failure), so the two never disagree.
 */
public final class SpecValidator {
  // the same rule as deploy's EndpointNames: a valid Cloud Run service name with room for a revision suffix
  private static final java.util.regex.Pattern ENDPOINT_NAME = java.util.regex.Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

  public static final Pattern NAME = Pattern.compile("^[a-z0-9-]{3,63}$");
  public static final Pattern COLUMN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");
  /** A run id, or a URI with a scheme (file:, gs://, ...). */
  public static final Pattern WARM_START = Pattern.compile("^([1-9][0-9]{0,18}|[a-z][a-z0-9+.-]*:\\S{1,1000})$");

  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public SpecValidator reject(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public SpecValidator name(String field, String value) {
    if (value == null || value.isBlank()) {
      reject(field, "is required");
    } else if (!NAME.matcher(value).matches()) {
      reject(
          field,
          "'" + value + "' must be 3-63 characters of lowercase letters, digits and hyphens");
    }
    return this;
  }

  public SpecValidator trainingParams(String prefix, TrainingParams p) {
    if (p == null) {
      return this;
    }
    if (p.epochs() != null && (p.epochs() < 1 || p.epochs() > 1000)) {
      reject(at(prefix, "epochs"), "must be between 1 and 1000, got " + p.epochs());
    }
    if (p.batchSize() != null) {
      int b = p.batchSize();
      if (b < 64 || b > 65536 || Integer.bitCount(b) != 1) {
        reject(at(prefix, "batch_size"), "must be a power of two between 64 and 65536, got " + b);
      }
    }
    if (p.learningRate() != null) {
      learningRate(at(prefix, "learning_rate"), p.learningRate());
    }
    if (p.optimizer() != null && !ModelConfig.OPTIMIZERS.contains(p.optimizer())) {
      reject(at(prefix, "optimizer"), oneOf(p.optimizer(), ModelConfig.OPTIMIZERS));
    }
    if (p.dataSamplePercent() != null
        && (p.dataSamplePercent().isNaN() || p.dataSamplePercent() <= 0 || p.dataSamplePercent() > 100)) {
      reject(at(prefix, "data_sample_percent"), "must be in (0, 100], got " + p.dataSamplePercent());
    }
    if (p.splitStrategy() != null && !List.of("random", "strict_time").contains(p.splitStrategy())) {
      reject(at(prefix, "split_strategy"), oneOf(p.splitStrategy(), List.of("random", "strict_time")));
    }
    fraction(at(prefix, "validation_split"), p.validationSplit());
    fraction(at(prefix, "test_split"), p.testSplit());
    double held =
        (p.validationSplit() != null ? p.validationSplit() : TrainingParams.DEFAULT_VALIDATION_SPLIT)
            + (p.testSplit() != null ? p.testSplit() : TrainingParams.DEFAULT_TEST_SPLIT);
    if (held >= 0.9) {
      reject(at(prefix, "test_split"), "validation_split + test_split must leave at least 10% for training");
    }
    if (p.checkpointEveryEpochs() != null && p.checkpointEveryEpochs() < 1) {
      reject(at(prefix, "checkpoint_every_epochs"), "must be at least 1, got " + p.checkpointEveryEpochs());
    }
    range(at(prefix, "max_runtime_minutes"), p.maxRuntimeMinutes(), 1, 60 * 24 * 30);
    range(at(prefix, "heartbeat_timeout_seconds"), p.heartbeatTimeoutSeconds(), 2, 3600);
    if (p.maxCostUsd() != null && (p.maxCostUsd().isNaN() || p.maxCostUsd() <= 0)) {
      reject(at(prefix, "max_cost_usd"), "must be more than 0, got " + p.maxCostUsd());
    }
    retryPolicy(at(prefix, "retry_policy"), p.retryPolicy());
    earlyStopping(at(prefix, "early_stopping"), p.earlyStopping());
    learningRateSchedule(at(prefix, "lr_schedule"), p.lrSchedule(), p.learningRate(), p.epochs());
    if (p.gradientClipNorm() != null
        && (p.gradientClipNorm().isNaN() || p.gradientClipNorm() <= 0 || p.gradientClipNorm() > 1e6)) {
      reject(at(prefix, "gradient_clip_norm"), "must be in (0, 1000000], got " + p.gradientClipNorm());
    }
    range(at(prefix, "num_trees"), p.numTrees(), 1, 5000);
    range(at(prefix, "max_depth"), p.maxDepth(), 0, 32);
    between(at(prefix, "min_child_weight"), p.minChildWeight(), 0, 1e6);
    if (p.subsample() != null && (p.subsample().isNaN() || p.subsample() <= 0 || p.subsample() > 1)) {
      reject(at(prefix, "subsample"), "must be in (0, 1], got " + p.subsample());
    }
    if (p.cvFolds() != null && (p.cvFolds() == 1 || p.cvFolds() < 0 || p.cvFolds() > 20)) {
      reject(at(prefix, "cv_folds"), "must be 0 (no cross-validation) or between 2 and 20, got " + p.cvFolds());
    }
    if (p.warmStartFrom() != null && !WARM_START.matcher(p.warmStartFrom()).matches()) {
      reject(
          at(prefix, "warm_start_from"),
          "'" + p.warmStartFrom() + "' must be a run id (digits) or a model folder URI (file:..., gs://...)");
    }
    return this;
  }

  private void earlyStopping(String prefix, EarlyStopping e) {
    if (e == null) {
      return;
    }
    if (e.patience() != null && (e.patience() < 1 || e.patience() > 1000)) {
      reject(at(prefix, "patience"), "must be between 1 and 1000, got " + e.patience());
    }
    if (e.minDelta() != null && (e.minDelta().isNaN() || e.minDelta() < 0 || e.minDelta() > 1e6)) {
      reject(at(prefix, "min_delta"), "must be in [0, 1000000], got " + e.minDelta());
    }
  }

  private void learningRateSchedule(String prefix, LearningRateSchedule s, Double learningRate, Integer epochs) {
    if (s == null) {
      return;
    }
    if (s.type() != null && !LearningRateSchedule.TYPES.contains(s.type())) {
      reject(at(prefix, "type"), oneOf(s.type(), LearningRateSchedule.TYPES));
    }
    if (s.factor() != null && (s.factor().isNaN() || s.factor() <= 0 || s.factor() >= 1)) {
      reject(at(prefix, "factor"), "must be in (0, 1), got " + s.factor());
    }
    if (s.patience() != null && (s.patience() < 1 || s.patience() > 1000)) {
      reject(at(prefix, "patience"), "must be between 1 and 1000, got " + s.patience());
    }
    if (s.minLr() != null) {
      if (s.minLr().isNaN() || s.minLr() < 0) {
        reject(at(prefix, "min_lr"), "must be 0 or more, got " + s.minLr());
      } else if (learningRate != null && s.minLr() >= learningRate) {
        reject(at(prefix, "min_lr"), "must be below the learning rate " + learningRate + ", got " + s.minLr());
      }
    }
    if (s.warmupEpochs() != null) {
      if (s.warmupEpochs().isNaN() || s.warmupEpochs() < 0) {
        reject(at(prefix, "warmup_epochs"), "must be 0 or more, got " + s.warmupEpochs());
      } else if (epochs != null && s.warmupEpochs() >= epochs) {
        reject(at(prefix, "warmup_epochs"), "must be fewer than the " + epochs + " epochs, got " + s.warmupEpochs());
      }
    }
  }

  /**
   * An experiment is a quick test: at most {@value RunKind#EXPERIMENT_MAX_EPOCHS} epochs, on the
   * CPU. {@code kind} null means training.
   */
  public SpecValidator runKind(String field, String kind, TrainingParams params, GpuConfig gpu) {
    if (kind == null) {
      return this;
    }
    if (!RunKind.KINDS.contains(kind)) {
      reject(field, oneOf(kind, RunKind.KINDS));
      return this;
    }
    if (RunKind.EXPERIMENT.equals(kind)) {
      if (params != null && params.epochs() != null && params.epochs() > RunKind.EXPERIMENT_MAX_EPOCHS) {
        reject(
            "training_params.epochs",
            "an experiment trains at most " + RunKind.EXPERIMENT_MAX_EPOCHS + " epochs, got " + params.epochs()
                + "; use run_kind training");
      }
      if (gpu != null && gpu.wantsGpu()) {
        reject("gpu_config.gpu_count", "an experiment runs on the CPU; leave gpu_config out or set gpu_count 0");
      }
    }
    return this;
  }

  /**
   * Rules across the model and feature configs: a model with a ranking head needs a label; a
   * tabular model needs a tabular feature config, a TensorFlow model one with towers.
   */
  public SpecValidator modelFitsFeatures(String field, ModelConfig model, FeatureConfig features) {
    if (model == null || features == null || model.modelType() == null) {
      return this;
    }
    if (model.tabular() != features.tabular()) {
      reject(
          field,
          model.tabular()
              ? "a " + model.modelType() + " model reads a table: its feature config names a label_column (and"
                  + " optionally ignored_columns, categorical_columns), not query or candidate features"
              : "a " + model.modelType() + " model needs a feature config with query and candidate features");
      return this;
    }
    boolean ranks = ModelConfig.RANKING.equals(model.modelType()) || ModelConfig.MULTITASK.equals(model.modelType());
    if (ranks && features.labelColumn() == null) {
      reject(
          field,
          "a " + model.modelType() + " model predicts a label: its feature config needs a label_column");
    }
    return this;
  }

  private void retryPolicy(String prefix, RetryPolicy r) {
    if (r == null) {
      return;
    }
    range(at(prefix, "max_retries"), r.maxRetries(), 0, 100);
    range(at(prefix, "max_preemptions"), r.maxPreemptions(), 0, 1000);
    range(at(prefix, "on_demand_after_preemptions"), r.onDemandAfterPreemptions(), 1, 1000);
    between(at(prefix, "initial_delay_seconds"), r.initialDelaySeconds(), 0, 86_400);
    between(at(prefix, "max_delay_seconds"), r.maxDelaySeconds(), 0, 86_400);
    between(at(prefix, "backoff_multiplier"), r.backoffMultiplier(), 1, 100);
  }

  private void between(String field, Double value, double min, double max) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      reject(field, "must be between " + min + " and " + max + ", got " + value);
    }
  }

  /**
   * A schedule's time spec: the type's own fields present and valid, the others absent, an IANA
   * time zone, a {@code once} time after {@code nowMillis}, a cron expression that fires at all.
   */
  public SpecValidator schedule(String prefix, ScheduleSpec s, long nowMillis) {
    if (s == null) {
      reject(prefix, "is required");
      return this;
    }
    String zoneName = s.timeZone() != null ? s.timeZone() : ScheduleSpec.DEFAULT_TIME_ZONE;
    ZoneId zone = null;
    if (ZoneId.getAvailableZoneIds().contains(zoneName)) {
      zone = ZoneId.of(zoneName);
    } else {
      reject(at(prefix, "time_zone"), "'" + zoneName + "' is not an IANA time zone such as Europe/Berlin, America/New_York or UTC");
    }
    if (s.type() == null) {
      reject(at(prefix, "type"), "is required; one of " + String.join(", ", ScheduleSpec.TYPES));
      return this;
    }
    if (!ScheduleSpec.TYPES.contains(s.type())) {
      reject(at(prefix, "type"), oneOf(s.type(), ScheduleSpec.TYPES));
      return this;
    }
    String type = s.type();
    unused(prefix, "at", s.at() != null && !type.equals(ScheduleSpec.ONCE), type);
    unused(prefix, "time", s.time() != null && !(type.equals(ScheduleSpec.DAILY) || type.equals(ScheduleSpec.WEEKLY)), type);
    unused(prefix, "days_of_week", s.daysOfWeek() != null && !type.equals(ScheduleSpec.WEEKLY), type);
    unused(prefix, "cron", s.cron() != null && !type.equals(ScheduleSpec.CRON), type);
    switch (type) {
      case ScheduleSpec.ONCE -> {
        try {
          // With an unknown zone (already reported) a local time is read as UTC to check the rest.
          Instant when = ScheduleCalendar.onceInstant(s.at(), zone != null ? zone : ZoneOffset.UTC);
          if (!when.isAfter(Instant.ofEpochMilli(nowMillis))) {
            reject(at(prefix, "at"), "must be in the future, got " + s.at() + " (" + when + "); now is " + Instant.ofEpochMilli(nowMillis));
          }
        } catch (IllegalArgumentException e) {
          reject(at(prefix, "at"), e.getMessage());
        }
      }
      case ScheduleSpec.DAILY, ScheduleSpec.WEEKLY -> {
        try {
          ScheduleCalendar.timeOfDay(s.time());
        } catch (IllegalArgumentException e) {
          reject(at(prefix, "time"), s.time() == null ? "is required, HH:mm (e.g. 02:00)" : e.getMessage());
        }
        if (type.equals(ScheduleSpec.WEEKLY)) {
          if (s.daysOfWeek() == null || s.daysOfWeek().isEmpty()) {
            reject(at(prefix, "days_of_week"), "needs at least one day for a weekly schedule, e.g. [\"monday\"]");
          } else {
            for (int i = 0; i < s.daysOfWeek().size(); i++) {
              try {
                CronExpression.dayOfWeek(s.daysOfWeek().get(i));
              } catch (IllegalArgumentException e) {
                reject(at(prefix, "days_of_week") + "[" + i + "]", e.getMessage());
              }
            }
          }
        }
      }
      default -> {
        try {
          CronExpression cron = CronExpression.parse(s.cron());
          if (zone != null && cron.next(Instant.ofEpochMilli(nowMillis), zone) == null) {
            reject(at(prefix, "cron"), "'" + s.cron() + "' never matches a date (e.g. 30 February)");
          }
        } catch (IllegalArgumentException e) {
          reject(at(prefix, "cron"), e.getMessage());
        }
      }
    }
    return this;
  }

  private void unused(String prefix, String name, boolean present, String type) {
    if (present) {
      reject(at(prefix, name), "is not used by a " + type + " schedule; remove it");
    }
  }

  public SpecValidator learningRate(String field, Double lr) {
    if (lr != null && (lr.isNaN() || lr <= 0 || lr > 10)) {
      reject(field, "must be in (0, 10], got " + lr);
    }
    return this;
  }

  public SpecValidator gpuConfig(String prefix, GpuConfig g) {
    if (g == null) {
      return this;
    }
    if (g.gpuType() != null && !GpuConfig.GPU_TYPES.contains(g.gpuType())) {
      reject(at(prefix, "gpu_type"), oneOf(g.gpuType(), GpuConfig.GPU_TYPES));
    }
    if (g.gpuCount() != null && !GpuConfig.GPU_COUNTS.contains(g.gpuCount())) {
      reject(at(prefix, "gpu_count"), "must be one of 0, 1, 2, 4, 8, got " + g.gpuCount());
    } else if (g.gpuCount() != null && !GpuConfig.SUPPORTED_GPU_COUNTS.contains(g.gpuCount())) {
      reject(
          at(prefix, "gpu_count"),
          g.gpuCount() + " GPUs are not available in this build: TensorFlow Java has no distribution strategy,"
              + " so the trainer uses 0 or 1 GPU");
    }
    if (g.gpuCount() != null && g.gpuCount() > 0 && g.gpuType() == null) {
      reject(at(prefix, "gpu_type"), "is required when gpu_count is " + g.gpuCount());
    }
    if (g.gpuType() != null && (g.gpuCount() == null || g.gpuCount() == 0)) {
      reject(at(prefix, "gpu_count"), "must be 1, 2, 4 or 8 when gpu_type is set");
    }
    if (g.machineType() != null && !CapacityLadder.MACHINE_TYPES.contains(g.machineType())) {
      reject(at(prefix, "machine_type"), oneOf(g.machineType(), CapacityLadder.MACHINE_TYPES));
    }
    if (g.preemptAtEpochs() != null) {
      for (int i = 0; i < g.preemptAtEpochs().size(); i++) {
        Integer epoch = g.preemptAtEpochs().get(i);
        if (epoch == null || epoch < 1 || epoch > 1000) {
          reject(at(prefix, "preempt_at_epochs") + "[" + i + "]", "must be an epoch between 1 and 1000, got " + epoch);
        }
      }
    }
    return this;
  }

  public SpecValidator evaluatorConfig(String prefix, EvaluatorConfig e, String modelType) {
    if (e == null) {
      return this;
    }
    List<String> metrics = EvaluatorConfig.metricsFor(modelType);
    if (e.metric() != null && !metrics.contains(e.metric())) {
      reject(
          at(prefix, "metric"),
          oneOf(e.metric(), metrics) + (modelType != null ? " (the metrics of a " + modelType + " model)" : ""));
    }
    String metric = e.metric() != null ? e.metric() : EvaluatorConfig.defaultMetric(modelType);
    if (e.blessingThreshold() != null) {
      if (EvaluatorConfig.lowerIsBetter(metric)) {
        if (e.blessingThreshold().isNaN() || e.blessingThreshold() < 0 || e.blessingThreshold() > 1e6) {
          reject(
              at(prefix, "blessing_threshold"),
              "must be in [0, 1000000] for " + metric + " (blessed when " + metric + " <= threshold), got "
                  + e.blessingThreshold());
        }
      } else if (e.blessingThreshold().isNaN() || e.blessingThreshold() < 0 || e.blessingThreshold() > 1) {
        reject(at(prefix, "blessing_threshold"), "must be in [0, 1], got " + e.blessingThreshold());
      }
    }
    thresholds(at(prefix, "thresholds"), e.thresholds(), modelType);
    if (e.minLift() != null && (e.minLift().isNaN() || e.minLift() < -1 || e.minLift() > 100)) {
      reject(at(prefix, "min_lift"), "must be in [-1, 100] (0.1 = 10% better than the baseline), got " + e.minLift());
    }
    if (e.pushAnywayTimeoutHours() != null
        && (e.pushAnywayTimeoutHours().isNaN()
            || e.pushAnywayTimeoutHours() < 0
            || e.pushAnywayTimeoutHours() > 24 * 30)) {
      reject(
          at(prefix, "push_anyway_timeout_hours"),
          "must be between 0 and 720, got " + e.pushAnywayTimeoutHours());
    }
    return this;
  }

  /**
   * Threshold gates: known names, numbers in range (rates in [0, 1]), and, when the model type is
   * known, gates that read its metrics (no {@code max_rmse} on a classifier).
   */
  public SpecValidator thresholds(String prefix, java.util.Map<String, Double> thresholds, String modelType) {
    if (thresholds == null) {
      return this;
    }
    if (modelType != null && !thresholds.isEmpty() && !ModelConfig.TABULAR_TYPES.contains(modelType)) {
      reject(prefix, "threshold gates apply to classification and regression models; a " + modelType
          + " model is blessed by metric and blessing_threshold");
      return this;
    }
    thresholds.forEach(
        (gate, threshold) -> {
          String field = prefix + "." + gate;
          if (!EvaluatorConfig.GATES.containsKey(gate)) {
            reject(field, "unknown gate '" + gate + "'; one of " + String.join(", ", EvaluatorConfig.GATES.keySet()));
          } else if (modelType != null && !EvaluatorConfig.gatesFor(modelType).contains(gate)) {
            reject(field, "does not apply to a " + modelType + " model; one of "
                + String.join(", ", EvaluatorConfig.gatesFor(modelType)));
          } else if (threshold == null || threshold.isNaN()) {
            reject(field, "must be a number, got " + threshold);
          } else if (gate.startsWith("max_") ? threshold < 0 || threshold > 1e9
              : "min_r2".equals(gate) ? threshold < -1e9 || threshold > 1 : threshold < 0 || threshold > 1) {
            reject(field, gate.startsWith("max_") ? "must be between 0 and 1e9, got " + threshold
                : "min_r2".equals(gate) ? "must be at most 1, got " + threshold
                : "must be a number between 0 and 1, got " + threshold);
          }
        });
    return this;
  }

  public SpecValidator deploymentConfig(String prefix, DeploymentConfig d) {
    if (d == null) {
      return this;
    }
    if (d.action() != null) {
      if (!DeploymentConfig.ACTIONS.contains(d.action())) {
        reject(at(prefix, "action"), oneOf(d.action(), DeploymentConfig.ACTIONS));
      } else if (!DeploymentConfig.SUPPORTED_ACTIONS.contains(d.action())) {
        reject(
            at(prefix, "action"),
            "'" + d.action() + "' is not available in this build; supported: "
                + String.join(", ", DeploymentConfig.SUPPORTED_ACTIONS));
      }
    }
    if (DeploymentConfig.DEPLOY_EXISTING.equals(d.action()) && (d.endpointId() == null || d.endpointId().isBlank())) {
      reject(at(prefix, "endpoint_id"), "is required for deploy_existing");
    }
    if (d.endpointName() != null && !ENDPOINT_NAME.matcher(d.endpointName()).matches()) {
      reject(
          at(prefix, "endpoint_name"),
          "must be 1-40 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen, got '"
              + d.endpointName() + "'");
    }
    if (d.trafficSplitPercent() != null && (d.trafficSplitPercent() < 1 || d.trafficSplitPercent() > 100)) {
      reject(at(prefix, "traffic_split_percent"), "must be between 1 and 100, got " + d.trafficSplitPercent());
    }
    return this;
  }

  public SpecValidator modelConfig(String prefix, ModelConfig m) {
    if (m == null) {
      reject(prefix, "is required");
      return this;
    }
    if (m.modelType() == null) {
      reject(at(prefix, "model_type"), "is required; one of " + String.join(", ", ModelConfig.MODEL_TYPES));
    } else if (!ModelConfig.MODEL_TYPES.contains(m.modelType())) {
      reject(at(prefix, "model_type"), oneOf(m.modelType(), ModelConfig.MODEL_TYPES));
    } else if (!ModelConfig.SUPPORTED_MODEL_TYPES.contains(m.modelType())) {
      reject(
          at(prefix, "model_type"),
          "'" + m.modelType() + "' is not available in this build; supported: "
              + String.join(", ", ModelConfig.SUPPORTED_MODEL_TYPES));
    }
    if (m.embeddingDim() != null && (m.embeddingDim() < 1 || m.embeddingDim() > 1024)) {
      reject(at(prefix, "embedding_dim"), "must be between 1 and 1024, got " + m.embeddingDim());
    }
    layers(at(prefix, "query_tower_layers"), m.queryTowerLayers());
    layers(at(prefix, "candidate_tower_layers"), m.candidateTowerLayers());
    // A tower without layers ends in a linear projection to embedding_dim (see ModelConfig).
    int dim = m.embeddingDim() != null ? m.embeddingDim() : ModelConfig.DEFAULT_EMBEDDING_DIM;
    int queryOut = lastOr(m.queryTowerLayers(), dim);
    int candidateOut = lastOr(m.candidateTowerLayers(), dim);
    if (queryOut != candidateOut) {
      reject(
          at(prefix, "candidate_tower_layers"),
          "the candidate tower's output size (" + candidateOut
              + ") must equal the query tower's (" + queryOut + ")");
    }
    if (m.optimizer() != null && !ModelConfig.OPTIMIZERS.contains(m.optimizer())) {
      reject(at(prefix, "optimizer"), oneOf(m.optimizer(), ModelConfig.OPTIMIZERS));
    }
    learningRate(at(prefix, "learning_rate"), m.learningRate());
    layers(at(prefix, "ranking_layers"), m.rankingLayers());
    weight(at(prefix, "retrieval_weight"), m.retrievalWeight());
    weight(at(prefix, "ranking_weight"), m.rankingWeight());
    if (m.retrievalWeight() != null && m.rankingWeight() != null && m.retrievalWeight() == 0 && m.rankingWeight() == 0) {
      reject(at(prefix, "ranking_weight"), "retrieval_weight and ranking_weight cannot both be 0");
    }
    if (m.embeddingL2() != null && (m.embeddingL2().isNaN() || m.embeddingL2() < 0 || m.embeddingL2() > 1)) {
      reject(at(prefix, "embedding_l2"), "must be in [0, 1], got " + m.embeddingL2());
    }
    if (ModelConfig.RANKING.equals(m.modelType())) {
      if (Boolean.TRUE.equals(m.candidateBias())) {
        reject(at(prefix, "candidate_bias"), "is a retrieval score term; a ranking model has no retrieval head");
      }
      if (m.retrievalWeight() != null) {
        reject(at(prefix, "retrieval_weight"), "applies to multitask models only");
      }
    }
    if (ModelConfig.RETRIEVAL.equals(m.modelType()) && (m.rankingLayers() != null || m.rankingWeight() != null)) {
      reject(
          at(prefix, m.rankingLayers() != null ? "ranking_layers" : "ranking_weight"),
          "applies to ranking and multitask models only");
    }
    tabularModel(prefix, m);
    return this;
  }

  /** The tree fields on tabular types; the tower fields and tree fields never mixed. */
  private void tabularModel(String prefix, ModelConfig m) {
    if (m.modelType() != null && ModelConfig.MODEL_TYPES.contains(m.modelType()) && !m.tabular()) {
      String[][] treeFields = {
        {"trainer", str(m.trainer())}, {"num_trees", str(m.numTrees())}, {"max_depth", str(m.maxDepth())},
        {"categorical_encoding", str(m.categoricalEncoding())}, {"class_weights", str(m.classWeights())},
        {"class_weight_values", str(m.classWeightValues())}};
      for (String[] f : treeFields) {
        if (f[1] != null) {
          reject(at(prefix, f[0]), "applies to classification and regression models only");
        }
      }
      return;
    }
    if (!m.tabular()) {
      return;
    }
    String[][] towerFields = {
      {"embedding_dim", str(m.embeddingDim())}, {"query_tower_layers", str(m.queryTowerLayers())},
      {"candidate_tower_layers", str(m.candidateTowerLayers())}, {"ranking_layers", str(m.rankingLayers())},
      {"optimizer", m.optimizer()}, {"l2_normalize", str(m.l2Normalize())}, {"candidate_bias", str(m.candidateBias())}};
    for (String[] f : towerFields) {
      if (f[1] != null) {
        reject(at(prefix, f[0]), "applies to retrieval, ranking and multitask models, not " + m.modelType());
      }
    }
    if (m.trainer() != null && !ModelConfig.TRAINERS.contains(m.trainer())) {
      reject(at(prefix, "trainer"), oneOf(m.trainer(), ModelConfig.TRAINERS));
    }
    range(at(prefix, "num_trees"), m.numTrees(), 1, 5000);
    range(at(prefix, "max_depth"), m.maxDepth(), 0, 32);
    if (m.categoricalEncoding() != null && !ModelConfig.CATEGORICAL_ENCODINGS.contains(m.categoricalEncoding())) {
      reject(at(prefix, "categorical_encoding"), oneOf(m.categoricalEncoding(), ModelConfig.CATEGORICAL_ENCODINGS));
    }
    boolean regression = ModelConfig.REGRESSION.equals(m.modelType());
    if (m.classWeights() != null) {
      if (regression) {
        reject(at(prefix, "class_weights"), "applies to classification models only");
      } else if (!ModelConfig.CLASS_WEIGHTS.contains(m.classWeights())) {
        reject(at(prefix, "class_weights"), oneOf(m.classWeights(), ModelConfig.CLASS_WEIGHTS));
      } else if (m.classWeightValues() != null) {
        reject(at(prefix, "class_weight_values"), "set class_weights or class_weight_values, not both");
      }
    }
    if (m.classWeightValues() != null) {
      if (regression) {
        reject(at(prefix, "class_weight_values"), "applies to classification models only");
      } else if (m.classWeightValues().isEmpty()) {
        reject(at(prefix, "class_weight_values"), "needs at least one label value → weight");
      }
      m.classWeightValues().forEach((label, weight) -> {
        if (weight == null || weight.isNaN() || weight <= 0 || weight > 1e6) {
          reject(at(prefix, "class_weight_values." + label), "must be in (0, 1000000], got " + weight);
        }
      });
    }
  }

  private static String str(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private void weight(String field, Double weight) {
    if (weight != null && (weight.isNaN() || weight < 0 || weight > 1000)) {
      reject(field, "must be in [0, 1000], got " + weight);
    }
  }

  public SpecValidator featureConfig(String prefix, FeatureConfig f) {
    if (f == null) {
      reject(prefix, "is required");
      return this;
    }
    if (f.tabular()) {
      column(at(prefix, "label_column"), f.labelColumn(), true);
      if (f.timestampColumn() != null) {
        reject(at(prefix, "timestamp_column"), "applies to feature configs with query and candidate features");
      }
      columnList(at(prefix, "ignored_columns"), f.ignoredColumns(), f.labelColumn());
      columnList(at(prefix, "categorical_columns"), f.categoricalColumns(), f.labelColumn());
      return this;
    }
    for (String[] tabularOnly : new String[][] {
        {"ignored_columns", str(f.ignoredColumns())}, {"categorical_columns", str(f.categoricalColumns())}}) {
      if (tabularOnly[1] != null) {
        reject(at(prefix, tabularOnly[0]), "applies to tabular feature configs (a label_column and no towers)");
      }
    }
    column(at(prefix, "query_id_column"), f.queryIdColumn(), true);
    column(at(prefix, "candidate_id_column"), f.candidateIdColumn(), true);
    column(at(prefix, "timestamp_column"), f.timestampColumn(), false);
    column(at(prefix, "label_column"), f.labelColumn(), false);
    features(at(prefix, "query_features"), f.queryFeatures());
    features(at(prefix, "candidate_features"), f.candidateFeatures());
    return this;
  }

  public SpecValidator datasetSource(String prefix, DatasetSource s) {
    if (s == null) {
      reject(prefix, "is required");
      return this;
    }
    if (s.type() == null) {
      reject(at(prefix, "type"), "is required; one of " + String.join(", ", DatasetSource.TYPES));
      return this;
    }
    switch (s.type()) {
      case DatasetSource.SYNTHETIC -> {
        range(at(prefix, "customers"), s.customers(), 10, 1_000_000);
        range(at(prefix, "products"), s.products(), 10, 100_000);
        range(at(prefix, "interactions"), s.interactions(), 100, 20_000_000);
      }
      case DatasetSource.CSV -> {
        if (s.uri() == null || s.uri().isBlank()) {
          reject(at(prefix, "uri"), "is required for a csv source");
        }
        if (s.columns() == null || s.columns().isEmpty()) {
          reject(at(prefix, "columns"), "is required for a csv source: a map of column name to type");
        } else {
          s.columns()
              .forEach(
                  (name, type) -> {
                    if (!COLUMN.matcher(name).matches()) {
                      reject(at(prefix, "columns." + name), "is not a valid column name");
                    }
                    if (!FeatureSpec.TYPES.contains(type)) {
                      reject(at(prefix, "columns." + name), oneOf(type, FeatureSpec.TYPES));
                    }
                  });
        }
      }
      case DatasetSource.SYNTHETIC_CHURN -> range(at(prefix, "rows"), s.rows(), 100, 5_000_000);
      case DatasetSource.MOVIELENS_100K -> {
        if (s.path() == null || s.path().isBlank()) {
          reject(at(prefix, "path"), "is required: a folder holding u.data, u.user and u.item");
        }
      }
      default -> reject(at(prefix, "type"), oneOf(s.type(), DatasetSource.TYPES));
    }
    return this;
  }

  private void features(String field, List<FeatureSpec> features) {
    if (features == null || features.isEmpty()) {
      reject(field, "needs at least one feature");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      FeatureSpec f = features.get(i);
      String item = field + "[" + i + "]";
      if (f == null) {
        reject(item, "must not be null");
        continue;
      }
      boolean cross = FeatureSpec.CROSS.equals(f.transform());
      if (cross) {
        crossColumns(item, f);
      } else {
        column(item + ".column", f.column(), true);
        if (f.columns() != null) {
          reject(item + ".columns", "applies to cross features only; this one reads 'column'");
        }
      }
      if (f.name() != null && !COLUMN.matcher(f.name()).matches()) {
        reject(item + ".name", "'" + f.name() + "' must be a letter or underscore followed by letters, digits, underscores");
      }
      if (f.featureName() != null && !names.add(f.featureName())) {
        reject(item + ".name", "duplicate feature name '" + f.featureName() + "'");
      }
      if (f.type() == null) {
        if (!cross) {
          reject(item + ".type", "is required; one of " + String.join(", ", FeatureSpec.TYPES));
        }
      } else if (!FeatureSpec.TYPES.contains(f.type())) {
        reject(item + ".type", oneOf(f.type(), FeatureSpec.TYPES));
      }
      if (f.transform() == null) {
        reject(item + ".transform", "is required; one of " + String.join(", ", FeatureSpec.TRANSFORMS));
      } else if (!FeatureSpec.TRANSFORMS.contains(f.transform())) {
        reject(item + ".transform", oneOf(f.transform(), FeatureSpec.TRANSFORMS));
      } else if (FeatureSpec.CYCLICAL.equals(f.transform())) {
        if (f.type() != null && !"timestamp".equals(f.type()) && !"int".equals(f.type())) {
          reject(item + ".transform", "'cyclical' needs a timestamp column (epoch seconds), but type is " + f.type());
        }
      } else if (!FeatureSpec.EMBEDDING.equals(f.transform()) && !cross && f.type() != null && !f.numericType()) {
        reject(item + ".transform", "'" + f.transform() + "' needs a numeric column, but type is " + f.type());
      }
      if (f.embeddingDim() != null && (f.embeddingDim() < 1 || f.embeddingDim() > 1024)) {
        reject(item + ".embedding_dim", "must be between 1 and 1024, got " + f.embeddingDim());
      }
      if (f.numBuckets() != null && (f.numBuckets() < 2 || f.numBuckets() > 1000)) {
        reject(item + ".num_buckets", "must be between 2 and 1000, got " + f.numBuckets());
      }
      if (f.separator() != null) {
        if (!FeatureSpec.EMBEDDING.equals(f.transform())) {
          reject(item + ".separator", "applies to embedding features only (a cell of several tokens)");
        } else if (f.separator().length() != 1) {
          // TensorFlow's StringSplit, which the exported model uses, splits at single characters
          reject(item + ".separator", "must be one character, got '" + f.separator() + "'");
        }
      }
      if (f.hashBuckets() != null) {
        if (!cross) {
          reject(item + ".hash_buckets", "applies to cross features only");
        } else if (f.hashBuckets() < 2 || f.hashBuckets() > 10_000_000) {
          reject(item + ".hash_buckets", "must be between 2 and 10000000, got " + f.hashBuckets());
        }
      }
      if (f.cycles() != null) {
        if (!FeatureSpec.CYCLICAL.equals(f.transform())) {
          reject(item + ".cycles", "applies to cyclical features only");
        } else if (f.cycles().isEmpty()) {
          reject(item + ".cycles", "needs at least one of " + String.join(", ", FeatureSpec.CYCLES));
        } else {
          for (int c = 0; c < f.cycles().size(); c++) {
            String cycle = f.cycles().get(c);
            if (!FeatureSpec.CYCLES.contains(cycle)) {
              reject(item + ".cycles[" + c + "]", oneOf(String.valueOf(cycle), FeatureSpec.CYCLES));
            }
          }
        }
      }
    }
  }

  private void columnList(String field, List<String> columns, String label) {
    if (columns == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      column(field + "[" + i + "]", column, true);
      if (column != null && column.equals(label)) {
        reject(field + "[" + i + "]", "'" + column + "' is the label_column");
      } else if (column != null && !seen.add(column)) {
        reject(field + "[" + i + "]", "duplicate column '" + column + "'");
      }
    }
  }

  private void crossColumns(String item, FeatureSpec f) {
    if (f.name() == null) {
      reject(item + ".name", "is required for a cross feature");
    }
    if (f.column() != null) {
      reject(item + ".column", "a cross reads 'columns', not 'column'");
    }
    if (f.columns() == null || f.columns().size() < 2 || f.columns().size() > 4) {
      reject(item + ".columns", "a cross needs 2 to 4 columns, got " + (f.columns() == null ? "none" : f.columns().size()));
      return;
    }
    for (int c = 0; c < f.columns().size(); c++) {
      column(item + ".columns[" + c + "]", f.columns().get(c), true);
    }
  }

  private void column(String field, String value, boolean required) {
    if (value == null) {
      if (required) {
        reject(field, "is required");
      }
    } else if (!COLUMN.matcher(value).matches()) {
      reject(field, "'" + value + "' is not a valid column name");
    }
  }

  private void layers(String field, List<Integer> layers) {
    if (layers == null) {
      return;
    }
    if (layers.size() > 8) {
      reject(field, "at most 8 layers, got " + layers.size());
    }
    for (int i = 0; i < layers.size(); i++) {
      Integer units = layers.get(i);
      if (units == null || units < 1 || units > 4096) {
        reject(field + "[" + i + "]", "must be between 1 and 4096, got " + units);
      }
    }
  }

  private void fraction(String field, Double value) {
    if (value != null && (value.isNaN() || value <= 0 || value >= 0.5)) {
      reject(field, "must be in (0, 0.5), got " + value);
    }
  }

  private void range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      reject(field, "must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** {@code prefix.name}, or just {@code name} for a config at the top level of a request. */
  private static String at(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private static int lastOr(List<Integer> layers, int fallback) {
    return layers == null || layers.isEmpty() || layers.get(layers.size() - 1) == null
        ? fallback
        : layers.get(layers.size() - 1);
  }

  private static String oneOf(String value, List<?> allowed) {
    return "'" + value + "' is not one of "
        + String.join(", ", allowed.stream().map(String::valueOf).toList());
  }
}
