package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.RegistrationResult;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of a run as the workflow knows it: the {@code progress} query's answer and
 * what is projected into the {@code training_run} row.
 */
public record RunProgress(
    long runId,
    RunStatus status,
    Stage currentStage,
    List<StageDetail> stages,
    int currentEpoch,
    int totalEpochs,
    int progressPercent,
    EpochMetrics latestEpoch,
    EvaluationResult evaluation,
    RegistrationResult registration,
    DeploymentResult deployment,
    Integer datasetVersion,
    String configSha256,
    Map<String, String> artifacts,
    String errorMessage,
    Stage errorStage,
    String errorReason,
    Long startedAtMillis,
    Long finishedAtMillis,
    TrainingStats training,
    StageOutputs outputs) {}
