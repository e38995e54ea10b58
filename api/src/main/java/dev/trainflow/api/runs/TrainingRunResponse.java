package dev.trainflow.api.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.persistence.RunPage;
import dev.trainflow.activities.persistence.StageDetailView;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A training run as the API shows it, with the seed's field names. {@code vs_experiment} compares
 * a run that started from an experiment with it, on the run's blessing metric, once evaluated.
 */
record TrainingRunResponse(
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
    Metrics metrics,
    Boolean isBlessed,
    JsonNode evaluationResults,
    Long registeredModelId,
    Integer registeredModelVersion,
    String modelArtifactUri,
    String deploymentStatus,
    String endpointId,
    String endpointUrl,
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
    Map<String, String> artifacts,
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
    JsonNode vsExperiment) {

  /** Retrieval metrics (recall@K) and ranking metrics (rmse, mae), null where not measured. */
  record Metrics(
      Double loss,
      Double validationLoss,
      @JsonProperty("recall_at_5") Double recallAt5,
      @JsonProperty("recall_at_10") Double recallAt10,
      @JsonProperty("recall_at_50") Double recallAt50,
      @JsonProperty("recall_at_100") Double recallAt100,
      Double rmse,
      Double mae) {}

  static ListResponse<TrainingRunResponse> page(RunPage page) {
    return new ListResponse<>(page.items().stream().map(TrainingRunResponse::of).toList(), page.total(), page.page(), page.size());
  }

  static TrainingRunResponse of(StoredRun r) {
    return new TrainingRunResponse(
        r.id(),
        r.name(),
        r.description(),
        r.mlModelId(),
        r.mlModelName(),
        r.runNumber(),
        r.modelType(),
        r.datasetId(),
        r.datasetVersion(),
        r.featureConfigId(),
        r.modelConfigId(),
        r.trainingParams(),
        r.gpuConfig(),
        r.evaluatorConfig(),
        r.deploymentConfig(),
        r.status(),
        r.workflowId(),
        r.currentStage(),
        r.currentEpoch(),
        r.totalEpochs(),
        r.progressPercent(),
        r.stageDetails(),
        new Metrics(r.loss(), r.validationLoss(), r.recallAt5(), r.recallAt10(), r.recallAt50(), r.recallAt100(), r.rmse(), r.mae()),
        r.isBlessed(),
        r.evaluationResults(),
        r.registeredModelId(),
        r.registeredModelVersion(),
        r.modelArtifactUri(),
        r.deploymentStatus(),
        r.endpointId(),
        r.endpointUrl(),
        r.configSha256(),
        r.errorMessage(),
        r.errorStage(),
        r.errorDetails(),
        r.createdAt(),
        r.updatedAt(),
        r.submittedAt(),
        r.startedAt(),
        r.completedAt(),
        r.durationSeconds(),
        r.artifacts(),
        r.attempts(),
        r.preemptions(),
        r.retryHistory(),
        r.costUsd(),
        r.gpuSecondsTrained(),
        r.gpuSecondsLost(),
        r.queueDelaySeconds(),
        r.capacity(),
        r.workerIdentity(),
        r.cancelledAtStage(),
        r.cancelledAtEpoch(),
        r.scheduleId(),
        r.scheduledFor(),
        r.runKind(),
        r.baseExperimentId(),
        r.comparison());
  }
}
