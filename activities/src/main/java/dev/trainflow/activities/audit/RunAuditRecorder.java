package dev.trainflow.activities.audit;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.compile.CanonicalJson;
import dev.trainflow.activities.data.Sha256;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.records.RunBeforeProjection;
import dev.trainflow.activities.records.RunProgressListener;
import dev.trainflow.activities.records.RunTransitions;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.StageOutputs;
import dev.trainflow.workflows.run.TrainingStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each run's audit records from the workflow's projections: {@code run_started} when an
 * execution starts, and {@code run_finished} when it ends, with everything needed to reproduce the
 * model (the service's commit and image, the frozen config and its hashes, the dataset version and
 * every split's checksum, the worker, the final metrics, the model's checksum, the cost). When the
 * run reproduces another, it also records the comparison of their metrics.
 *
 * <p>It runs before the projection is written (see {@link RunProgressListener}), and every record
 * has a dedup key, so a retried projection neither loses nor repeats one.
 */
public final class RunAuditRecorder implements RunProgressListener {
  /** The actor of records the service writes itself, not on behalf of a caller. */
  public static final String SERVICE_ACTOR = "trainflow";
  private static final Logger log = LoggerFactory.getLogger(RunAuditRecorder.class);

  private final AuditLogRepository audit;
  private final TrainingRunRepository runs;
  private final ReproductionRepository reproductions;
  private final ArtifactStore store;
  private final ServiceIdentity service;

  public RunAuditRecorder(
      AuditLogRepository audit,
      TrainingRunRepository runs,
      ReproductionRepository reproductions,
      ArtifactStore store,
      ServiceIdentity service) {
    this.audit = audit;
    this.runs = runs;
    this.reproductions = reproductions;
    this.store = store;
    this.service = service;
  }

  @Override
  public void beforeProjection(RunBeforeProjection previous, RunProgress progress) {
    if (RunTransitions.started(previous, progress)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("service", service);
      details.put("workflow_id", previous.workflowId());
      details.put("ml_model_name", previous.mlModelName());
      details.put("attempts_before", previous.attempts());
      reproductions.of(progress.runId()).ifPresent(r -> details.put("reproduces_run_id", r.originalRunId()));
      audit.append(runEvent(AuditEvent.RUN_STARTED, progress, null, details,
          "run_started:" + progress.runId() + ":" + progress.startedAtMillis()));
    }
    if (RunTransitions.finished(previous, progress)) {
      Map<String, Object> record = reproducibilityRecord(previous, progress);
      audit.append(runEvent(AuditEvent.RUN_FINISHED, progress, progress.configSha256(), record,
          "run_finished:" + progress.runId() + ":" + progress.finishedAtMillis()));
      reproductions.of(progress.runId()).ifPresent(r -> compare(r, progress, record));
    }
  }

  /** The record a reproduction is built from and compared against. */
  private Map<String, Object> reproducibilityRecord(RunBeforeProjection previous, RunProgress progress) {
    StageOutputs outputs =
        progress.outputs() != null && progress.outputs().compiled() != null
            ? progress.outputs()
            : runs.stageOutputs(progress.runId()).orElse(StageOutputs.none());
    CompiledRun compiled = outputs.compiled();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("service", service);
    record.put("status", progress.status().value());
    record.put("error_reason", progress.errorReason());
    record.put("started_at", instant(progress.startedAtMillis()));
    record.put("finished_at", instant(progress.finishedAtMillis()));
    record.put("ml_model_name", previous.mlModelName());
    record.put("dataset_id", previous.datasetId());
    record.put("feature_config_id", previous.featureConfigId());
    record.put("model_config_id", previous.modelConfigId());
    record.put("config_sha256", progress.configSha256());
    if (compiled != null) {
      record.put("config_snapshot_uri", compiled.configSnapshotUri());
      record.put("reproducible_config_sha256", reproducibleConfigSha256(compiled));
      record.put("training_params", compiled.trainingParams());
      record.put("gpu_config", compiled.gpuConfig());
      record.put("evaluator_config", compiled.evaluatorConfig());
      record.put("deployment_config", compiled.deploymentConfig());
      record.put("feature_config", compiled.featureConfig());
      record.put("model_config", compiled.modelConfig());
      record.put("dataset_source", compiled.datasetSource());
    }
    record.put("dataset", dataset(previous, progress, compiled, outputs.examples()));
    TrainingStats training = progress.training();
    if (training != null) {
      record.put("worker_identity", training.workerIdentity());
      record.put("attempts", training.attempts());
      record.put("preemptions", training.preemptions());
      record.put("capacity", training.capacity());
      record.put("cost_usd", training.costUsd());
      record.put("gpu_seconds_trained", training.gpuSecondsTrained());
      record.put("gpu_seconds_lost", training.gpuSecondsLost());
    }
    record.put("final_metrics", finalMetrics(progress));
    record.put("blessed", progress.evaluation() == null ? null : progress.evaluation().blessed());
    record.put("model", model(progress));
    return record;
  }

  private Map<String, Object> dataset(RunBeforeProjection previous, RunProgress progress, CompiledRun compiled, ExamplesResult examples) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("id", previous.datasetId());
    dataset.put("name", compiled == null ? null : compiled.datasetName());
    dataset.put("version", progress.datasetVersion());
    if (examples != null) {
      dataset.put("checksum", examples.datasetChecksum());
      dataset.put("rows", examples.datasetRows());
      dataset.put("sampled_rows", examples.sampledRows());
      List<Map<String, Object>> splits = new ArrayList<>();
      List<SplitInfo> all = new ArrayList<>(examples.splits());
      if (examples.candidates() != null) {
        all.add(examples.candidates()); // tabular runs have no catalog
      }
      for (SplitInfo split : all) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", split.name());
        s.put("rows", split.rows());
        s.put("sha256", split.sha256());
        s.put("uri", split.uri());
        splits.add(s);
      }
      dataset.put("splits", splits);
    }
    return dataset;
  }

  private static Map<String, Object> finalMetrics(RunProgress progress) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    EvaluationResult evaluation = progress.evaluation();
    if (evaluation != null) {
      metrics.put("split", "test");
      metrics.put("metrics", evaluation.metrics());
      metrics.put("baseline_metrics", evaluation.baselineMetrics());
      metrics.put("blessing_metric", evaluation.metric());
      metrics.put("blessing_threshold", evaluation.threshold());
      return metrics;
    }
    EpochMetrics epoch = progress.latestEpoch();
    if (epoch != null) {
      metrics.put("split", "validation");
      metrics.put("epoch", epoch.epoch());
      metrics.put("metrics", epoch);
    }
    return metrics;
  }

  private Map<String, Object> model(RunProgress progress) {
    String uri = progress.registration() != null ? progress.registration().modelUri() : progress.artifacts().get("model");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("uri", uri);
    if (progress.registration() != null) {
      model.put("registered_version", progress.registration().modelVersion());
    }
    if (uri != null) {
      try {
        model.put("sha256", store.exists(uri) ? ModelChecksum.of(store, uri) : null);
      } catch (RuntimeException e) {
        // the record still matters without the checksum; say why it is missing
        log.warn("run {}: cannot checksum model {}: {}", progress.runId(), uri, e.getMessage());
        model.put("sha256_error", e.getMessage());
      }
    }
    return model;
  }

  /** SHA-256 of what decides the model: data source, features, model, training, device, evaluator. */
  static String reproducibleConfigSha256(CompiledRun compiled) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dataset_source", compiled.datasetSource());
    config.put("feature_config", compiled.featureConfig());
    config.put("model_config", compiled.modelConfig());
    config.put("training_params", compiled.trainingParams());
    config.put("gpu_config", compiled.gpuConfig());
    config.put("evaluator_config", compiled.evaluatorConfig());
    return Sha256.hex(CanonicalJson.toBytes(config));
  }

  private void compare(Reproduction reproduction, RunProgress progress, Map<String, Object> record) {
    Optional<AuditEntry> original = audit.latest(reproduction.originalRunId(), AuditEvent.RUN_FINISHED);
    ReproductionResult result =
        ReproductionComparison.compare(
            reproduction,
            progress.status().value(),
            original.map(AuditEntry::details).orElse(null),
            JsonCodec.mapper().valueToTree(record));
    audit.append(
        new AuditEvent(
            AuditEvent.REPRODUCTION_COMPARED, progress.runId(), SERVICE_ACTOR, null, null, null, null,
            progress.status().value(), service.gitCommit(), service.imageDigest(), progress.configSha256(),
            JsonCodec.mapper().convertValue(result, Map.class),
            "reproduction_compared:" + progress.runId() + ":" + progress.finishedAtMillis()));
    reproductions.recordResult(progress.runId(), result);
    log.info("run {} reproduces run {}: {}", progress.runId(), reproduction.originalRunId(),
        result.reproduced() ? "reproduced within " + reproduction.tolerance() : "NOT reproduced: " + result.reason());
  }

  private AuditEvent runEvent(String event, RunProgress progress, String configSha256, Map<String, Object> details, String key) {
    return new AuditEvent(
        event, progress.runId(), SERVICE_ACTOR, null, null, null, null, progress.status().value(),
        service.gitCommit(), service.imageDigest(), configSha256, details, key);
  }

  private static String instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }
}
