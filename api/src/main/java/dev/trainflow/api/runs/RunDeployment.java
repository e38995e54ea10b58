package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.StoredEndpoint;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.api.endpoints.DeployRunRequest;
import dev.trainflow.api.endpoints.EndpointErrors;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.deploy.endpoint.DeployCommand;
import dev.trainflow.deploy.endpoint.EndpointManager;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Deploys a finished run's model from the API: a completed run's registered version, or a
 * not-blessed run's model, which is registered first as pushed anyway (the deploy is the push).
 */
@Service
public class RunDeployment {
  private final RunService runs;
  private final RunWorkflows workflows;
  private final ModelRegistryRepository registry;
  private final EndpointManager endpoints;

  RunDeployment(RunService runs, RunWorkflows workflows, ModelRegistryRepository registry, EndpointManager endpoints) {
    this.runs = runs;
    this.workflows = workflows;
    this.registry = registry;
    this.endpoints = endpoints;
  }

  public StoredEndpoint deploy(long runId, DeployRunRequest request) {
    String action =
        request.action() != null
            ? request.action()
            : request.endpointId() != null ? DeploymentConfig.DEPLOY_EXISTING : DeploymentConfig.DEPLOY_NEW;
    DeploymentConfig config =
        new DeploymentConfig(action, request.endpointName(), request.endpointId(), request.trafficSplitPercent());
    SpecValidator validator = new SpecValidator().deploymentConfig("", config);
    if (DeploymentConfig.REGISTER_ONLY.equals(action)) {
      validator.reject("action", "must be deploy_new or deploy_existing to deploy a run");
    }
    if (!validator.ok()) {
      throw new BadRequestException(validator.errors());
    }
    StoredRun run = runs.get(runId);
    RunStatus status = RunStatus.fromValue(run.status());
    if (status == RunStatus.NOT_BLESSED) {
      if (workflows.running(run.workflowId())) {
        throw new ConflictException(
            "run " + runId + " is waiting for a push-anyway decision; push it anyway to register and deploy it");
      }
      registerPushedAnyway(run);
    } else if (status != RunStatus.COMPLETED) {
      throw new ConflictException(
          "run " + runId + " is " + run.status() + "; only completed and not_blessed runs can be deployed");
    }
    return EndpointErrors.answer(
        "endpoint_id", () -> endpoints.deploy(DeployCommand.of(runId, config.withDefaults())));
  }

  private void registerPushedAnyway(StoredRun run) {
    if (registry.findByRun(run.id()).isPresent()) {
      return;
    }
    if (run.modelArtifactUri() == null) {
      throw new ConflictException("run " + run.id() + " has no exported model to deploy");
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    // every test metric the evaluation measured (tabular runs: accuracy ... roc_auc, cv_ means)
    if (run.evaluationResults() != null && run.evaluationResults().path("metrics").isObject()) {
      run.evaluationResults().get("metrics").fields().forEachRemaining(e -> {
        if (e.getValue().isNumber()) {
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
      });
    }
    put(metrics, "recall_at_100", run.recallAt100());
    put(metrics, "recall_at_10", run.recallAt10());
    put(metrics, "rmse", run.rmse());
    put(metrics, "mae", run.mae());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("run_id", Long.toString(run.id()));
    labels.put("run_name", run.name());
    labels.put("model_type", run.modelType());
    labels.put("blessed", "false");
    labels.put("pushed_anyway", "true");
    labels.put("pushed_by", "deploy");
    registry.register(
        new RegistrationRequest(
            run.id(), run.mlModelId(), run.mlModelName(), run.modelType(), run.modelArtifactUri(), false, true,
            metrics, labels));
  }

  private static void put(Map<String, Double> metrics, String name, Double value) {
    if (value != null && !metrics.containsKey(name)) {
      metrics.put(name, value);
    }
  }
}
