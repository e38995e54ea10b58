package dev.trainflow.api.models;

import dev.trainflow.activities.persistence.ModelRegistryRepository;
import dev.trainflow.activities.persistence.ModelStage;
import dev.trainflow.activities.persistence.ModelStageRepository;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.activities.persistence.StageTransition;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.endpoints.DeployRunRequest;
import dev.trainflow.api.endpoints.EndpointView;
import dev.trainflow.api.runs.RunDeployment;
import dev.trainflow.api.security.AuthMode;
import dev.trainflow.api.security.Caller;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.FieldError;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model registry: versions with stage, metrics and lineage, and stage transitions. {@code
 * /api/ml-models/{name}} ({@link MlModelController}) stays for the failure block and the raw
 * registry entries.
 */
@RestController
@RequestMapping("/api/models")
class ModelRegistryController {
  static final int MAX_REASON_LENGTH = 1000;

  private final TrainingRunRepository runs;
  private final ModelRegistryRepository registry;
  private final ModelStageRepository stages;
  private final JsonBodyReader json;
  private final AuthMode auth;
  private final ChampionComparisons comparisons;
  private final RunDeployment deployment;

  ModelRegistryController(
      TrainingRunRepository runs, ModelRegistryRepository registry, ModelStageRepository stages, JsonBodyReader json,
      AuthMode auth, ChampionComparisons comparisons, RunDeployment deployment) {
    this.runs = runs;
    this.registry = registry;
    this.stages = stages;
    this.json = json;
    this.auth = auth;
    this.comparisons = comparisons;
    this.deployment = deployment;
  }

  @GetMapping("/{name}")
  ModelRegistryView get(@PathVariable String name) {
    long id = modelId(name);
    List<ModelVersionView> versions = registry.listByModel(id).stream().map(ModelVersionView::of).toList();
    Integer production =
        versions.stream().filter(v -> ModelStage.PRODUCTION.value().equals(v.stage())).map(ModelVersionView::version)
            .findFirst().orElse(null);
    return new ModelRegistryView(name, production, versions);
  }

  /**
   * Moves a version to a stage; entering production archives the version that was there. Entering
   * staging or production first compares the version with the production one (champion/challenger),
   * and the comparison is part of the transition's audit record. With {@code deploy}, a version that
   * enters production is deployed as {@code POST /api/training-runs/{id}/deploy} would.
   */
  @PostMapping("/{name}/versions/{version}/transition")
  StageTransitionResponse transition(
      @PathVariable String name, @PathVariable int version, @RequestBody(required = false) String body) {
    StageTransitionRequest request = json.read(body, StageTransitionRequest.class);
    ModelStage stage = validate(request);
    long id = modelId(name);
    List<RegistryEntry> versions = registry.listByModel(id);
    RegistryEntry candidate =
        versions.stream().filter(v -> v.version() == version).findFirst()
            .orElseThrow(() -> new NotFoundException("version " + version + " of ml model " + name + " does not exist"));
    if (request.deploy() != null && candidate.trainingRunId() == null) {
      throw new ConflictException("version " + version + " has no training run to deploy from");
    }
    Map<String, Object> comparison = comparisons.compare(candidate, versions, stage).orElse(null);
    Caller caller = auth.enforcing() ? Caller.current() : new Caller(Caller.UNCHECKED, null);
    StageTransition done =
        stages.transition(id, version, stage, request.reason(), caller.name(), caller.roleValue(), comparison)
            .orElseThrow(() -> new NotFoundException("version " + version + " of ml model " + name + " does not exist"));
    EndpointView deployed =
        request.deploy() == null ? null : EndpointView.of(deployment.deploy(candidate.trainingRunId(), request.deploy()));
    return StageTransitionResponse.of(done, comparison, deployed);
  }

  private static ModelStage validate(StageTransitionRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ModelStage stage = null;
    if (request.stage() == null || request.stage().isBlank()) {
      errors.add(new FieldError("stage", "is required: one of " + ModelStage.allowedValues()));
    } else {
      stage = ModelStage.parse(request.stage()).orElse(null);
      if (stage == null) {
        errors.add(new FieldError("stage", "expected " + ModelStage.allowedValues() + ", got '" + request.stage() + "'"));
      }
    }
    if (request.deploy() != null) {
      if (stage != null && stage != ModelStage.PRODUCTION) {
        errors.add(new FieldError("deploy", "applies to transitions to production only"));
      }
      DeployRunRequest d = request.deploy();
      String action = d.action() != null ? d.action() : d.endpointId() != null ? DeploymentConfig.DEPLOY_EXISTING : DeploymentConfig.DEPLOY_NEW;
      if (DeploymentConfig.REGISTER_ONLY.equals(action)) {
        errors.add(new FieldError("deploy.action", "must be deploy_new or deploy_existing to deploy a version"));
      }
      errors.addAll(
          new SpecValidator()
              .deploymentConfig("deploy", new DeploymentConfig(action, d.endpointName(), d.endpointId(), d.trafficSplitPercent()))
              .errors());
    }
    if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
      errors.add(new FieldError("reason", "at most " + MAX_REASON_LENGTH + " characters, got " + request.reason().length()));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return stage;
  }

  private long modelId(String name) {
    return runs.mlModelId(name).orElseThrow(() -> new NotFoundException("ml model", name));
  }
}
