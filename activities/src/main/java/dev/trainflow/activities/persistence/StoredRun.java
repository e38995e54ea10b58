package dev.trainflow.activities.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A training run row, as the repository hands it out. {@code scheduleId} and {@code scheduledFor}
 * link a run started by a schedule (or reserved by a request with {@code scheduled_at}) to the
 * schedule and the fire it was created for.
 *
 * @param runKind {@code training} or {@code experiment}
 * @param comparison a training run's {@link ExperimentComparison} with its base experiment, once
 *     evaluated
 */
public record StoredRun(
    long id,
    String name,
    String description,
    long mlModelId,
    String mlModelName,
    int runNumber,
    String modelType,
    long datasetId,
    Integer datasetVersion,
    long featureConfigId,
    long modelConfigId,
    TrainingParams trainingParams,
    GpuConfig gpuConfig,
    EvaluatorConfig evaluatorConfig,
    DeploymentConfig deploymentConfig,
    String status,
    String workflowId,
    String currentStage,
    int currentEpoch,
    int totalEpochs,
    int progressPercent,
    List<StageDetailView> stageDetails,
    Double loss,
    Double validationLoss,
    Double recallAt5,
    Double recallAt10,
    Double recallAt50,
    Double recallAt100,
    Double rmse,
    Double mae,
    Boolean isBlessed,
    JsonNode evaluationResults,
    Long registeredModelId,
    Integer registeredModelVersion,
    String modelArtifactUri,
    String deploymentStatus,
    String endpointId,
    String endpointUrl,
    Map<String, String> artifacts,
    String configSha256,
    String errorMessage,
    String errorStage,
    JsonNode errorDetails,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime submittedAt,
    OffsetDateTime startedAt,
    OffsetDateTime completedAt,
    Double durationSeconds,
    int attempts,
    int preemptions,
    JsonNode retryHistory,
    double costUsd,
    double gpuSecondsTrained,
    double gpuSecondsLost,
    Double queueDelaySeconds,
    JsonNode capacity,
    String workerIdentity,
    String cancelledAtStage,
    Integer cancelledAtEpoch,
    Long scheduleId,
    OffsetDateTime scheduledFor,
    String runKind,
    Long baseExperimentId,
    JsonNode comparison) {}
