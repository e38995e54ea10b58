package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.RegistrationResult;
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
  private DeploymentResult deployment;
  private Integer datasetVersion;
  private String configSha256;
  private String errorMessage;
  private Stage errorStage;
  private String errorReason;
  private Long startedAtMillis;
  private Long finishedAtMillis;

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

  void finish(Stage stage, long now, String message) {
    stages.put(stage, stages.get(stage).finished(StageStatus.COMPLETED, now, message));
  }

  void skip(Stage stage, long now, String message) {
    stages.put(stage, stages.get(stage).finished(StageStatus.SKIPPED, now, message));
  }

  void totalEpochs(int totalEpochs) {
    this.totalEpochs = totalEpochs;
  }

  /** Keeps the newest report of each epoch; a retried attempt may report an epoch again. */
  void epoch(EpochMetrics metrics) {
    if (latestEpoch == null || metrics.epoch() >= latestEpoch.epoch()) {
      latestEpoch = metrics;
      currentEpoch = metrics.epoch();
    }
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
        finishedAtMillis);
  }
}
