package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.spec.GpuConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state a run workflow keeps. Only the workflow thread touches it; {@link #snapshot()}
 * hands out immutable copies for queries and projections.
 */
final class RunState {
  private final long runId;
  private final EnumMap<Stage, StageDetail> stages = new EnumMap<>(Stage.class);
  private final Map<String, String> artifacts = new LinkedHashMap<>();
  private RunStatus status = RunStatus.SUBMITTING;
  private Stage currentStage;
  private int currentEpoch;
  private int totalEpochs;
  private EpochMetrics latestEpoch;
  private EvaluationResult evaluation;
  private RegistrationResult registration;
  private String reportedCheckpointUri;
  private int reportedCheckpointEpoch;
  private DeploymentResult deployment;
  private Integer datasetVersion;
  private String configSha256;
  private String errorMessage;
  private Stage errorStage;
  private String errorReason;
  private Long startedAtMillis;
  private Long finishedAtMillis;
  private StageOutputs outputs = StageOutputs.none();
  private boolean outputsProjected = true;
  private final List<RetryRecord> retries = new ArrayList<>();
  private final Map<Integer, Double> attemptEpochSeconds = new LinkedHashMap<>();
  private int attempts;
  private int preemptions;
  private int errorRetries;
  private double costUsd;
  private double gpuSecondsTrained;
  private double gpuSecondsLost;
  private Double queueDelaySeconds;
  private GpuConfig capacity;
  private double pricePerHour;
  private String workerIdentity;

  RunState(long runId, int totalEpochs) {
    this.runId = runId;
    this.totalEpochs = totalEpochs;
    for (Stage stage : Stage.values()) {
      stages.put(stage, StageDetail.pending(stage));
    }
  }

  RunStatus status() {
    return status;
  }

  Stage currentStage() {
    return currentStage;
  }

  void start(Stage stage, long now) {
    if (startedAtMillis == null) {
      startedAtMillis = now;
    }
    status = RunStatus.RUNNING;
    currentStage = stage;
    stages.put(stage, stages.get(stage).started(now));
  }

  /** A stage whose output a retried run reuses: completed without running. */
  void reuse(Stage stage, long now) {
    stages.put(stage, new StageDetail(stage, StageStatus.COMPLETED, now, now, 0, "reused from the previous execution"));
  }

  void finish(Stage stage, long now, String message) {
    stages.put(stage, stages.get(stage).finished(StageStatus.COMPLETED, now, message));
  }

  void skip(Stage stage, long now, String message) {
    stages.put(stage, stages.get(stage).finished(StageStatus.SKIPPED, now, message));
  }

  /** A tabular run's progress counts cross-validation folds where a TensorFlow run counts epochs. */
  void foldFinished(int fold, int folds) {
    totalEpochs = folds;
    currentEpoch = Math.max(currentEpoch, fold);
  }

  void totalEpochs(int totalEpochs) {
    this.totalEpochs = totalEpochs;
  }

  /**
   * Keeps the newest report of each epoch (a retried attempt may report an epoch again) and
   * counts the epoch's time as trained, at the current attempt's price.
   */
  void epoch(EpochMetrics metrics) {
    if (metrics.checkpointUri() != null && metrics.epoch() > reportedCheckpointEpoch) {
      reportedCheckpointEpoch = metrics.epoch();
      reportedCheckpointUri = metrics.checkpointUri();
    }
    if (latestEpoch == null || metrics.epoch() >= latestEpoch.epoch()) {
      latestEpoch = metrics;
      currentEpoch = metrics.epoch();
    }
    if (capacity != null) {
      attemptEpochSeconds.put(metrics.epoch(), metrics.seconds());
      trained(metrics.seconds());
    }
  }

  /** The newest checkpoint an epoch report named (null when none did), and its epoch. */
  String reportedCheckpointUri() {
    return reportedCheckpointUri;
  }

  int reportedCheckpointEpoch() {
    return reportedCheckpointEpoch;
  }

  private void trained(double seconds) {
    gpuSecondsTrained += seconds * devices();
    costUsd += seconds * pricePerHour / 3600;
  }

  private int devices() {
    return capacity != null && capacity.wantsGpu() ? capacity.gpuCount() : 1;
  }

  /** A training attempt is scheduled on {@code capacity} at {@code pricePerHour}. */
  void attemptScheduled(int attempt, GpuConfig capacity, double pricePerHour, String note) {
    this.attempts = attempt;
    this.capacity = capacity;
    this.pricePerHour = pricePerHour;
    attemptEpochSeconds.clear();
    StageDetail train = stages.get(Stage.TRAIN);
    stages.put(
        Stage.TRAIN,
        new StageDetail(Stage.TRAIN, train.status(), train.startedAtMillis(), train.finishedAtMillis(), attempt, note));
  }

  void attemptStarted(String workerIdentity, long startedAtMillis, Long submittedAtMillis) {
    this.workerIdentity = workerIdentity;
    if (queueDelaySeconds == null && submittedAtMillis != null) {
      queueDelaySeconds = Math.max(0, startedAtMillis - submittedAtMillis) / 1000.0;
    }
  }

  /**
   * Records a failed attempt. The time since its last checkpoint is lost; the part of it that no
   * reported epoch covered (the unfinished epoch) still counts as trained.
   */
  void attemptFailed(RetryRecord retry, boolean preempted) {
    retries.add(retry);
    if (preempted) {
      preemptions++;
    } else {
      errorRetries++;
    }
    double reportedAfterCheckpoint = 0;
    int checkpointEpoch = retry.checkpointEpoch() == null ? 0 : retry.checkpointEpoch();
    for (Map.Entry<Integer, Double> e : attemptEpochSeconds.entrySet()) {
      if (e.getKey() > checkpointEpoch) {
        reportedAfterCheckpoint += e.getValue();
      }
    }
    trained(Math.max(0, retry.lostSeconds() - reportedAfterCheckpoint));
    gpuSecondsLost += retry.lostSeconds() * devices();
  }

  /** Carries a previous execution's attempts and spending into a retried run. */
  void prior(int priorAttempts, double priorCostUsd) {
    this.attempts = priorAttempts;
    this.costUsd = priorCostUsd;
  }

  int attempts() {
    return attempts;
  }

  int currentEpoch() {
    return currentEpoch;
  }

  String workerIdentity() {
    return workerIdentity;
  }

  int preemptions() {
    return preemptions;
  }

  int errorRetries() {
    return errorRetries;
  }

  double costUsd() {
    return costUsd;
  }

  /** Consecutive preemptions at the end of the retry list. */
  int consecutivePreemptions() {
    int n = 0;
    for (int i = retries.size() - 1; i >= 0 && retries.get(i).reason().equals("preempted"); i--) {
      n++;
    }
    return n;
  }

  void outputs(StageOutputs outputs) {
    this.outputs = outputs;
    this.outputsProjected = false;
  }

  StageOutputs outputs() {
    return outputs;
  }

  void configSha256(String sha) {
    this.configSha256 = sha;
  }

  void datasetVersion(int version) {
    this.datasetVersion = version;
  }

  void artifact(String name, String uri) {
    if (uri != null) {
      artifacts.put(name, uri);
    }
  }

  void evaluation(EvaluationResult evaluation) {
    this.evaluation = evaluation;
  }

  void registration(RegistrationResult registration) {
    this.registration = registration;
  }

  void deployment(DeploymentResult deployment) {
    this.deployment = deployment;
  }

  void notBlessed() {
    status = RunStatus.NOT_BLESSED;
  }

  void resumeAfterPush() {
    status = RunStatus.RUNNING;
  }

  void complete(RunStatus finalStatus, long now) {
    status = finalStatus;
    finishedAtMillis = now;
  }

  /** Marks the running stage (if any) with {@code stageStatus} and the run with {@code runStatus}. */
  void end(
      RunStatus runStatus, StageStatus stageStatus, long now, String reason, String message) {
    if (currentStage != null && stages.get(currentStage).status() == StageStatus.RUNNING) {
      stages.put(currentStage, stages.get(currentStage).finished(stageStatus, now, message));
    }
    status = runStatus;
    finishedAtMillis = now;
    if (runStatus == RunStatus.FAILED) {
      errorStage = currentStage;
      errorReason = reason;
      errorMessage = message;
    }
  }

  int progressPercent() {
    int percent = 0;
    for (StageDetail detail : stages.values()) {
      if (detail.status() == StageStatus.COMPLETED || detail.status() == StageStatus.SKIPPED) {
        percent += detail.stage().weight();
      } else if (detail.stage() == Stage.TRAIN && totalEpochs > 0) {
        percent += Stage.TRAIN.weight() * Math.min(currentEpoch, totalEpochs) / totalEpochs;
      }
    }
    return Math.min(100, percent);
  }

  /**
   * The snapshot for the database: the stage outputs ride along only when they changed since the
   * last projection, so per-epoch projections stay small in the workflow's history.
   */
  RunProgress projection() {
    RunProgress full = snapshot();
    if (outputsProjected) {
      full = withOutputs(full, null);
    }
    outputsProjected = true;
    return full;
  }

  private static RunProgress withOutputs(RunProgress p, StageOutputs outputs) {
    return new RunProgress(
        p.runId(), p.status(), p.currentStage(), p.stages(), p.currentEpoch(), p.totalEpochs(), p.progressPercent(),
        p.latestEpoch(), p.evaluation(), p.registration(), p.deployment(), p.datasetVersion(), p.configSha256(),
        p.artifacts(), p.errorMessage(), p.errorStage(), p.errorReason(), p.startedAtMillis(), p.finishedAtMillis(),
        p.training(), outputs);
  }

  RunProgress snapshot() {
    List<StageDetail> details = new ArrayList<>(stages.values());
    return new RunProgress(
        runId,
        status,
        currentStage,
        List.copyOf(details),
        currentEpoch,
        totalEpochs,
        progressPercent(),
        latestEpoch,
        evaluation,
        registration,
        deployment,
        datasetVersion,
        configSha256,
        Collections.unmodifiableMap(new LinkedHashMap<>(artifacts)),
        errorMessage,
        errorStage,
        errorReason,
        startedAtMillis,
        finishedAtMillis,
        new TrainingStats(
            attempts,
            preemptions,
            errorRetries,
            List.copyOf(retries),
            costUsd,
            gpuSecondsTrained,
            gpuSecondsLost,
            queueDelaySeconds,
            capacity,
            workerIdentity),
        outputs);
  }
}
