package dev.trainflow.activities.vertex;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.aiplatform.v1.EnvVar;
import com.google.cloud.aiplatform.v1.ListModelVersionsRequest;
import com.google.cloud.aiplatform.v1.Model;
import com.google.cloud.aiplatform.v1.ModelContainerSpec;
import com.google.cloud.aiplatform.v1.ModelServiceClient;
import com.google.cloud.aiplatform.v1.Port;
import com.google.cloud.aiplatform.v1.UploadModelRequest;
import com.google.cloud.aiplatform.v1.UploadModelResponse;
import dev.trainflow.activities.artifacts.GcsLocation;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.RegistrationRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads registered models to the Vertex AI Model Registry: an ml model is one Vertex model with
 * the id {@code trainflow-model-<ml model id>}, each registered run one version of it, labelled
 * with its run, model type and blessing and aliased {@code run-<id>} and {@code v<version>}, the
 * artifact the run's gs:// model folder and the serving container the model-server image. Uploading
 * a run that is already a version returns that version.
 */
public final class VertexModelRegistry {
  private static final Logger log = LoggerFactory.getLogger(VertexModelRegistry.class);
  static final int SERVER_PORT = 8080;

  private final ModelServiceClient models;
  private final VertexSettings settings;
  private final String modelServerImage;

  public VertexModelRegistry(ModelServiceClient models, VertexSettings settings, String modelServerImage) {
    VertexSettings.require("MODEL_SERVER_IMAGE", modelServerImage);
    this.models = models;
    this.settings = settings;
    this.modelServerImage = modelServerImage;
  }

  /** The Vertex model and version a registered run became. */
  public record VertexModelVersion(String model, String versionId) {
    public String versionName() {
      return model + "@" + versionId;
    }
  }

  /** {@code trainflow-model-7}: the Vertex model id of ml model 7, the same on every call. */
  public static String modelId(long mlModelId) {
    return "trainflow-model-" + mlModelId;
  }

  public VertexModelVersion upload(RegistrationRequest request, int localVersion) {
    if (!GcsLocation.isGcs(request.modelUri())) {
      throw TrainingFailures.invalidConfig(
          "MODEL_REGISTRY=vertex needs the model in Cloud Storage (ARTIFACT_ROOT=gs://...), but it is at " + request.modelUri());
    }
    String modelName = settings.parent() + "/models/" + modelId(request.mlModelId());
    Model parent = find(modelName);
    if (parent != null) {
      VertexModelVersion existing = versionOfRun(modelName, request.runId());
      if (existing != null) {
        return existing; // uploaded before the activity could record it: do not add a second version
      }
    }
    UploadModelRequest.Builder upload =
        UploadModelRequest.newBuilder().setParent(settings.parent()).setModel(model(request, localVersion));
    if (parent == null) {
      upload.setModelId(modelId(request.mlModelId()));
    } else {
      upload.setParentModel(modelName);
    }
    try {
      UploadModelResponse response = models.uploadModelAsync(upload.build()).get();
      log.info("run {} is Vertex AI model {} version {}", request.runId(), response.getModel(), response.getModelVersionId());
      return new VertexModelVersion(response.getModel(), response.getModelVersionId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TrainingFailures.of(FailureReason.WORKER_LOST, "interrupted while uploading run " + request.runId() + " to Vertex AI");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw failure("upload run " + request.runId() + " to Vertex AI model " + modelName, api);
      }
      throw TrainingFailures.of(FailureReason.INTERNAL, "cannot upload run " + request.runId() + ": " + e.getCause(), e.getCause());
    }
  }

  private Model model(RegistrationRequest request, int localVersion) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("trainflow_run_id", Long.toString(request.runId()));
    labels.put("trainflow_ml_model_id", Long.toString(request.mlModelId()));
    labels.put("trainflow_version", Integer.toString(localVersion));
    labels.put("model_type", request.modelType());
    labels.put("blessed", Boolean.toString(request.blessed()));
    labels.put("pushed_anyway", Boolean.toString(request.pushedAnyway()));
    if (request.labels() != null) {
      request.labels().forEach(labels::putIfAbsent);
    }
    String metrics = request.metrics() == null ? "{}" : new TreeMap<>(request.metrics()).toString();
    return Model.newBuilder()
        .setDisplayName(request.mlModelName())
        .setVersionDescription("trainflow run " + request.runId() + ", version " + localVersion + ", metrics " + metrics)
        .addVersionAliases("run-" + request.runId())
        .addVersionAliases("v" + localVersion)
        .putAllLabels(VertexLabels.of(labels))
        .setArtifactUri(request.modelUri())
        .setContainerSpec(
            ModelContainerSpec.newBuilder()
                .setImageUri(modelServerImage)
                .addEnv(EnvVar.newBuilder().setName("MODEL_NAME").setValue(request.mlModelName()))
                .addPorts(Port.newBuilder().setContainerPort(SERVER_PORT))
                // the TensorFlow Serving REST routes the model server speaks
                .setPredictRoute("/v1/models/" + request.mlModelName() + ":predict")
                .setHealthRoute("/health"))
        .build();
  }

  private Model find(String modelName) {
    try {
      return models.getModel(modelName);
    } catch (NotFoundException e) {
      return null;
    } catch (ApiException e) {
      throw failure("read Vertex AI model " + modelName, e);
    }
  }

  private VertexModelVersion versionOfRun(String modelName, long runId) {
    try {
      for (Model version :
          models.listModelVersions(
                  ListModelVersionsRequest.newBuilder().setName(modelName).setFilter("labels.trainflow_run_id=\"" + runId + "\"").build())
              .iterateAll()) {
        return new VertexModelVersion(modelName, version.getVersionId());
      }
      return null;
    } catch (ApiException e) {
      throw failure("list the versions of Vertex AI model " + modelName, e);
    }
  }

  static RuntimeException failure(String what, ApiException e) {
    FailureReason reason =
        switch (e.getStatusCode().getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, RESOURCE_EXHAUSTED -> FailureReason.TRANSIENT_IO;
          case INVALID_ARGUMENT, FAILED_PRECONDITION, PERMISSION_DENIED, UNAUTHENTICATED, NOT_FOUND, ALREADY_EXISTS ->
              FailureReason.INVALID_CONFIG;
          default -> FailureReason.INTERNAL;
        };
    return TrainingFailures.of(reason, "cannot " + what + ": " + e.getStatusCode().getCode() + " " + e.getMessage(), e);
  }
}
